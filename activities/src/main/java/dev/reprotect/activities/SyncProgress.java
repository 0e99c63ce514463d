package dev.reprotect.activities;

/**
 * How far the sync of a disk got: the heartbeat details a retry resumes from. Small on purpose:
 * block maps and hashes stay in the backend, never in the workflow's history.
 */
public record SyncProgress(
    long nextBlock, long totalBlocks, long bytesTransferred, long blocksCopied, long blocksCleared) {

  public static SyncProgress start(long totalBlocks) {
    return new SyncProgress(0, totalBlocks, 0, 0, 0);
  }
}
