package dev.reprotect.workflows.failover;

import dev.reprotect.azure.CallerCosts;
import dev.reprotect.azure.ItemLifecycle;
import dev.reprotect.azure.RecoveryPointType;
import java.time.Instant;
import java.util.List;

/**
 * What a failover job did: the VM now runs in {@code activeRegion} on the disks of point {@code
 * pointId} (null for a commit); {@code sourceShutdown} says what turning the source VM off did, or
 * why it failed (null when not asked). {@code meters}: what the backend charged the job's calls,
 * per region and blob (null in jobs recorded before it was read).
 */
public record FailoverSummary(
    String vault,
    String vm,
    ItemLifecycle operation,
    String state,
    String activeRegion,
    String pointId,
    RecoveryPointType pointType,
    Instant pointTime,
    List<FailedOverDisk> disks,
    String sourceShutdown,
    long elapsedMillis,
    CallerCosts meters) {
  public FailoverSummary {
    disks = List.copyOf(disks);
  }
}
