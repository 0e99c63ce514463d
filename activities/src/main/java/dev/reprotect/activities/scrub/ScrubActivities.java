package dev.reprotect.activities.scrub;

import dev.reprotect.activities.replication.ItemRef;
import dev.reprotect.azure.ScrubRecord;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * The scrub of an item's replica: its newest recovery point compared, from the bytes on each side,
 * with the cut of the source it was made from.
 */
@ActivityInterface
public interface ScrubActivities {
  /**
   * Holds the newest point made from a cut that still exists, and that cut, by snapshots of the
   * scrub's own (idempotent: the same point's snapshots again are the same). Refuses with {@code
   * VaultNotFound}, {@code ItemNotFound} or {@code NoRecoveryPoint}; nothing is changed then.
   */
  @ActivityMethod
  HeldPoint holdNewestPoint(ItemRef item);

  /**
   * Compares one disk range by range, each side hashing its own bytes, at a share of the disk's
   * throughput; resends the blocks that differ once and reads them again. Heartbeats its {@link
   * ScrubProgress} and resumes from it. Blocks that still differ fail it with {@code
   * ReplicaMismatch}.
   */
  @ActivityMethod
  DiskScrubbed scrubDisk(ScrubDisk disk);

  /** Deletes the scrub's snapshots; what is gone already is fine. */
  @ActivityMethod
  void releasePoint(HeldPoint held);

  /** Records how the scrub ended on the item, for the reconciler and for people. */
  @ActivityMethod
  void recordScrub(ItemRef item, ScrubRecord scrub);
}
