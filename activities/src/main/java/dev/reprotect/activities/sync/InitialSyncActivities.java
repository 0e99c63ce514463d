package dev.reprotect.activities.sync;

import dev.reprotect.activities.DiskSyncInput;
import dev.reprotect.activities.DiskSyncResult;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * Step 5 of the job, the long one, and the seed a changed-block sync needs. On this interface
 * rather than one of its own, so that every worker that hosts the syncs (the sync queue's, and the
 * steps' for the jobs recorded before it) hosts these too, and a sync and its seed read the same
 * disks with the same pace.
 */
@ActivityInterface
public interface InitialSyncActivities {
  /**
   * Makes the replica of one disk equal to the source: block hashes are compared range by range and
   * only the blocks that differ are sent. Heartbeats its progress and resumes from it.
   */
  @ActivityMethod
  DiskSyncResult syncDisk(DiskSyncInput input);

  /**
   * Copies a stale disk's cut into its seed, snapshots the seed there as the replica's base, and
   * applies the stale disk's writes since the cut: the seed ends equal to the stale disk, and what
   * the stale VM changed since its cut stays listable, as the seed's page-range diff against its
   * base, once the stale VM and its disks are deleted. Run before the stale VM's deletion;
   * heartbeats while the copy runs (a retry finds the copy again) and while the changes are applied
   * (a retry applies them again, which makes equal blocks equal).
   */
  @ActivityMethod
  SeededFromStaleCut seedFromStaleCut(SeedFromStaleCut input);

  /**
   * Makes the replica of one disk equal to the source's cut by sending only the blocks changed
   * since the failover on either side: the page-range diff of the source's cut against the new
   * side's base, with that of the replica against its base. Each block of the union gets the
   * source's content (cleared where the source has none), read only where it is; heartbeats and
   * resumes as {@link #syncDisk} does, and is verified the same way.
   */
  @ActivityMethod
  ChangedBlockSyncResult syncChangedBlocks(ChangedBlockSync input);
}
