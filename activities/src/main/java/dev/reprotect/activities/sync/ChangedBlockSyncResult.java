package dev.reprotect.activities.sync;

import dev.reprotect.activities.DiskSyncResult;

/**
 * A disk synced from the blocks changed since the failover: {@code synced} as a full compare
 * reports it (verified from the recorded hashes of both sides), the blocks changed on the new side
 * since its base and on the replica since its base (the stale disk's writes after its cut), their
 * union that was visited ({@code bytesChanged}, the blocks counted whole), and what the backend
 * metered for it, every attempt included. The diffs are listed by the attempt that returns: after a
 * retry the replica's also holds the blocks earlier attempts wrote and lacks those they made equal
 * to its base again, so the counts are exactly the changes since the failover only for a sync that
 * ran in one go.
 */
public record ChangedBlockSyncResult(
    DiskSyncResult synced,
    long blocksChangedOnSource,
    long blocksChangedOnReplica,
    long bytesChanged,
    SideMeters meters) {

  /**
   * The bytes read on both sides over the bytes changed since the failover: about 1 when the
   * replica's side needs no read (the transfer overwrites a block it holds under another hash
   * without reading it), 2 at most; 0 when nothing changed.
   */
  public double readOverChanged() {
    return bytesChanged == 0
        ? 0
        : (double) (meters.bytesReadOnSource() + meters.bytesReadOnReplica()) / bytesChanged;
  }
}
