package dev.reprotect.activities.scrub;

import dev.reprotect.activities.data.DiskPosition;

/**
 * Where a disk's scrub stands, heartbeated after each range is compared (and repaired): a retry
 * resumes at {@code nextBlock}. {@code bytesCompared} counts the bytes read and hashed on both
 * sides.
 */
public record ScrubProgress(
    long nextBlock, long totalBlocks, int blockSize, long bytesCompared, long blocksRepaired)
    implements DiskPosition {
  public static ScrubProgress start(long totalBlocks, int blockSize) {
    return new ScrubProgress(0, totalBlocks, blockSize, 0, 0);
  }

  ScrubProgress advance(long reached, long bytes, long repaired) {
    return new ScrubProgress(
        Math.max(nextBlock, reached),
        totalBlocks,
        blockSize,
        bytesCompared + bytes,
        blocksRepaired + repaired);
  }
}
