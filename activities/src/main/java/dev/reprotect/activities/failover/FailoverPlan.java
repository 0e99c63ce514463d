package dev.reprotect.activities.failover;

import dev.reprotect.azure.ItemClaimState;
import dev.reprotect.azure.ItemLifecycle;
import java.util.List;

/**
 * What the check decided, before anything changed. The failed-over VM lives in {@code
 * recoveryRegion}, resource group {@code recoveryGroup}, its disks in {@code recoveryAccount}: the
 * item's target side for a failover, its (already swapped) source side for a change of point or a
 * commit. {@code sourceRegion} is where the VM runs before the failover. {@code checked} is the
 * item as the check saw it, compared and set by the claim. {@code availabilitySet} is the name of
 * the VM's set (as a VM records it), from the set recorded on the item; null for none (and for a
 * test failover's copy, which joins no production set). {@code runningPoint} is, for a change of
 * point, the point the failed-over VM's disks were made from (null when not known).
 */
public record FailoverPlan(
    String vault,
    String vm,
    ItemLifecycle operation,
    String point,
    String sourceRegion,
    String sourceGroup,
    String recoveryRegion,
    String recoveryGroup,
    String recoveryAccount,
    String networkId,
    String availabilitySet,
    List<FailoverDisk> disks,
    ItemClaimState checked,
    String recoveryVm,
    String runningPoint) {
  public FailoverPlan {
    disks = List.copyOf(disks);
  }

  /** A plan with no running point: a failover's, a drill's, a commit's. */
  public FailoverPlan(
      String vault,
      String vm,
      ItemLifecycle operation,
      String point,
      String sourceRegion,
      String sourceGroup,
      String recoveryRegion,
      String recoveryGroup,
      String recoveryAccount,
      String networkId,
      String availabilitySet,
      List<FailoverDisk> disks,
      ItemClaimState checked,
      String recoveryVm) {
    this(
        vault,
        vm,
        operation,
        point,
        sourceRegion,
        sourceGroup,
        recoveryRegion,
        recoveryGroup,
        recoveryAccount,
        networkId,
        availabilitySet,
        disks,
        checked,
        recoveryVm,
        null);
  }

  /**
   * The VM the plan makes in the recovery region: the item's own VM, or a test failover's copy
   * ({@code recoveryVm}; null in a failover's plan and in plans recorded before drills).
   */
  public String recoveryVmName() {
    return recoveryVm == null ? vm : recoveryVm;
  }
}
