package dev.reprotect.activities;

import dev.reprotect.activities.data.DiskPosition;

/**
 * How far the sync of a disk got: the heartbeat details a retry resumes from. Small on purpose:
 * block maps and hashes stay in the backend, never in the workflow's history.
 */
public record SyncProgress(
    long nextBlock,
    long totalBlocks,
    int blockSize,
    long bytesTransferred,
    long blocksCopied,
    long blocksCleared)
    implements DiskPosition {

  public static SyncProgress start(long totalBlocks, int blockSize) {
    return new SyncProgress(0, totalBlocks, blockSize, 0, 0, 0);
  }

  /** The progress after one more range, up to {@code nextBlock}, and what it cost. */
  public SyncProgress advance(long next, long bytes, long copied, long cleared) {
    return new SyncProgress(
        next,
        totalBlocks,
        blockSize,
        bytesTransferred + bytes,
        blocksCopied + copied,
        blocksCleared + cleared);
  }

  /** The same progress with every block compared: a disk whose sync has ended. */
  public SyncProgress completed() {
    return new SyncProgress(
        totalBlocks, totalBlocks, blockSize, bytesTransferred, blocksCopied, blocksCleared);
  }

  public long bytesCompared() {
    return nextBlock * blockSize;
  }

  public long totalBytes() {
    return totalBlocks * blockSize;
  }
}
