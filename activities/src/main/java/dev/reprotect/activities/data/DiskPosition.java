package dev.reprotect.activities.data;

/**
 * The heartbeated position of a loop over a disk's blocks: the next block to visit, of a disk of
 * {@code totalBlocks} blocks of {@code blockSize} bytes.
 */
public interface DiskPosition {
  long nextBlock();

  long totalBlocks();

  int blockSize();
}
