package dev.reprotect.activities.metering;

import dev.reprotect.activities.ActivityCaller;
import dev.reprotect.azure.BlobRef;
import dev.reprotect.azure.CallerCosts;
import dev.reprotect.azure.MeteringApi;
import dev.reprotect.azure.PageBlob;
import dev.reprotect.azure.StorageApi;
import java.util.Collection;

/**
 * The data path's counters of issue 18, read from the backend's meters, and their goals: how the
 * quick benchmark and the tests measure them, so that both measure the same way. At time scale 0
 * the meters are exact, so each counter is deterministic and can fail.
 */
public final class DataPathCounters {
  /** An initial sync reads each allocated byte of each side at most once (plus 5 %). */
  public static final double SYNC_READ_GOAL = 1.05;

  /**
   * A delta cycle reads the changed blocks on the source, and the receiver's old copy of them once
   * on the target: twice what changed (plus 5 %), whatever the disk's used size.
   */
  public static final double CYCLE_READ_GOAL = 2.1;

  /** The disk of the cycle's counter holds at least this many times more data than changed. */
  public static final int USED_OVER_CHANGED = 100;

  /** Bytes sent over the blocks changed, counted whole: 1 plus the hash lists' share. */
  public static final double SENT_GOAL = 1.01;

  /** The backend calls of a job on a 1 TiB disk over those on a 1 GiB disk with the same data. */
  public static final double CALLS_SPARSE_OVER_DENSE_GOAL = 1.1;

  /** The activity type of the initial sync, whose callers' ids carry it after the run's. */
  private static final String SYNC_ACTIVITY_TYPE = "SyncDisk";

  private DataPathCounters() {}

  /** The correlation id prefix of every call the initial syncs of one job run made. */
  public static String initialSyncsOf(String workflowId, String runId) {
    return ActivityCaller.ofRun(workflowId, runId) + SYNC_ACTIVITY_TYPE + "/";
  }

  /** The bytes allocated on {@code disks}, read where they live. */
  public static long allocatedBytes(StorageApi storage, Collection<BlobRef> disks) {
    return disks.stream()
        .mapToLong(disk -> storage.blob(disk).map(PageBlob::allocatedBytes).orElse(0L))
        .sum();
  }

  /** The bytes read in {@code region} over the bytes allocated there. */
  public static double readOverAllocated(CallerCosts costs, String region, long allocated) {
    return (double) costs.bytesReadIn(region) / allocated;
  }

  /** What the callers under {@code correlationIdPrefix} were charged while {@code action} ran. */
  public static CallerCosts costsDuring(
      MeteringApi metering, String correlationIdPrefix, Runnable action) {
    CallerCosts before = metering.costsBy(correlationIdPrefix);
    action.run();
    return metering.costsBy(correlationIdPrefix).minus(before);
  }
}
