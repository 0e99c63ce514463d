package dev.reprotect.worker.demo;

import java.util.List;

/**
 * One hop of the round trip. {@code workflowId}: its job's workflow, as the Temporal service holds
 * it. {@code bytesSentAcrossRegions}: what the backend metered crossing regions, both ways, while
 * the hop ran. {@code churnBytes}: what the guests wrote since the previous hop (before a
 * reprotect, both the VM failed over and its stale original). {@code pointId}: the recovery point
 * the hop booted from (a failover, a drill) or made (an enable, a reprotect); null for a commit or
 * a cleanup. {@code checksums}: the disks the hop compared, read from their bytes. {@code
 * stateAfter} and {@code activeRegionAfter}: the item as the hop left it. {@code sync}: for an
 * enable or a reprotect, how its disks were synced and what it read on each side; null for the
 * other hops.
 */
public record RoundTripHop(
    String operation,
    String workflowId,
    String direction,
    long durationMs,
    long bytesSentAcrossRegions,
    long churnBytes,
    String pointId,
    List<DiskComparison> checksums,
    String stateAfter,
    String activeRegionAfter,
    Sync sync) {
  public RoundTripHop {
    checksums = List.copyOf(checksums);
  }

  /**
   * How a protection hop synced: the kinds its disks used ({@code changed-blocks}, {@code
   * full-compare}, both joined by {@code +}); the bytes the backend metered as read by its job in
   * the source region and in the target region, every step included (the seed copies too); and of
   * its changed-block syncs, what they read on both sides, what they sent across regions and the
   * bytes changed since the failover they visited (0 for a full compare).
   */
  public record Sync(
      String kind,
      long bytesReadOnSource,
      long bytesReadOnTarget,
      long changedBlockSyncsRead,
      long changedBlockSyncsSent,
      long bytesChanged) {}

  /** A disk's two checksums: the expected one (the source's, the point's) and the one read. */
  record DiskComparison(String disk, String expected, String actual, boolean equal) {
    static DiskComparison of(String disk, String expected, String actual) {
      return new DiskComparison(disk, expected, actual, expected.equals(actual));
    }
  }

  boolean checksumsEqual() {
    return checksums.stream().allMatch(DiskComparison::equal);
  }
}
