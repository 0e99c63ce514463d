package dev.reprotect.activities;

import dev.reprotect.azure.ItemClaimState;
import java.util.ArrayList;
import java.util.List;

/**
 * The review of a reprotect: every artefact with its final name, new or existing. It is recorded in
 * the workflow's history, so the steps create exactly these names, even on retry. {@code cycle} is
 * the item's reprotect this plan is for (1 for its first): the replicas are named after it, so the
 * replicas of an earlier cycle are never taken for this one's. Plans recorded before cycles were
 * counted have cycle 0. {@code checkedItem} is the item's state and claim as the prerequisites saw
 * them: the job's claim compares and sets exactly that (null in a plan recorded before it was
 * kept).
 */
public record ProtectionPlan(
    String vault,
    String vm,
    String sourceRegion,
    String targetRegion,
    String sourceResourceGroup,
    PlannedArtefact targetResourceGroup,
    PlannedArtefact targetNetwork,
    PlannedArtefact targetStorageAccount,
    PlannedArtefact cacheStorageAccount,
    PlannedArtefact availabilitySet,
    TargetVmPlan targetVm,
    List<PlannedDisk> disks,
    int cycle,
    ItemClaimState checkedItem) {

  /** The container of the target storage account where the seed blobs, then replicas, live. */
  public static final String SEED_CONTAINER = "reprotect-seed";

  public ProtectionPlan {
    disks = List.copyOf(disks);
  }

  /** The artefacts in the order the job ensures them; the availability set only when needed. */
  public List<PlannedArtefact> artefacts() {
    List<PlannedArtefact> all =
        new ArrayList<>(
            List.of(cacheStorageAccount, targetResourceGroup, targetStorageAccount, targetNetwork));
    if (availabilitySet != null) {
      all.add(availabilitySet);
    }
    return all;
  }

  /** The digest of this plan, by which a reviewed plan is told from the one a job would run. */
  public String digest() {
    return PlanDigest.of(this);
  }
}
