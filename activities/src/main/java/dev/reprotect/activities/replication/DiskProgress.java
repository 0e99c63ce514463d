package dev.reprotect.activities.replication;

/**
 * How far the shipment of one disk of a cut got: its safe point (every changed block before {@code
 * nextBlock} is on the replica, so a retry resumes there), whether it was verified and its staging
 * blob deleted, and what it moved so far: every byte moved, but only the changed blocks that a
 * retry will not count again ({@link DiskRanges}).
 */
public record DiskProgress(
    String slot,
    long nextBlock,
    boolean done,
    long blocksChanged,
    long bytesStaged,
    long bytesShipped,
    long blocksRepaired) {

  static DiskProgress start(String slot) {
    return new DiskProgress(slot, 0, false, 0, 0, 0, 0);
  }

  /** The disk at its new safe point, with what a batch or a comparison moved added. */
  DiskProgress advance(long next, long changed, long staged, long shipped) {
    return new DiskProgress(
        slot,
        next,
        false,
        blocksChanged + changed,
        bytesStaged + staged,
        bytesShipped + shipped,
        blocksRepaired);
  }

  /** The disk verified, with what the verification repaired and what that cost. */
  DiskProgress verified(long repaired, long repairBytes) {
    return new DiskProgress(
        slot,
        nextBlock,
        true,
        blocksChanged,
        bytesStaged,
        bytesShipped + repairBytes,
        blocksRepaired + repaired);
  }
}
