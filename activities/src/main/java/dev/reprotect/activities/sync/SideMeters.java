package dev.reprotect.activities.sync;

import dev.reprotect.azure.CallerCosts;
import dev.reprotect.azure.MeteringApi;

/**
 * What the backend metered for one activity, every attempt included: the bytes it read from disks
 * in the source region and in the replica's, and the bytes it moved across regions. Read from the
 * backend's meters, not counted by the activity, so the attempts whose heartbeat was lost count
 * too.
 */
public record SideMeters(long bytesReadOnSource, long bytesReadOnReplica, long bytesSent) {

  /** The meters of the callers whose correlation id starts with {@code callers}. */
  static SideMeters of(
      MeteringApi metering, String callers, String sourceRegion, String replicaRegion) {
    CallerCosts costs = metering.costsBy(callers);
    return new SideMeters(
        costs.bytesReadIn(sourceRegion),
        costs.bytesReadIn(replicaRegion),
        metering.bytesTransferredBy(callers));
  }
}
