package dev.reprotect.activities.disable;

import dev.reprotect.azure.BlobRef;
import dev.reprotect.azure.ItemClaimState;
import dev.reprotect.azure.ProtectionState;
import java.util.List;

/**
 * What a disable found when it was checked, before anything changed: the item in {@code state}, its
 * VM active in {@code sourceRegion} and replicated to {@code targetRegion}, its {@code
 * recoveryPoints}, {@code replicas} and cache account, and the resources its protection recorded as
 * created ({@code createdByProtection}), the only ones the disable may delete. {@code checked} is
 * compared and set by the claim. The steps delete what they find when they run, since a replication
 * cycle may add a point until the replication is stopped.
 */
public record DisablePlan(
    String vault,
    String vm,
    ProtectionState state,
    String sourceRegion,
    String targetRegion,
    int recoveryPoints,
    List<BlobRef> replicas,
    String cacheStorageAccount,
    List<String> createdByProtection,
    ItemClaimState checked) {
  public DisablePlan {
    replicas = List.copyOf(replicas);
    createdByProtection = List.copyOf(createdByProtection);
  }
}
