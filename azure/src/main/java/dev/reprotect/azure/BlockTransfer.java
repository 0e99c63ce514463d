package dev.reprotect.azure;

import java.util.List;

/**
 * The outcome of moving blocks from one blob to another. {@code corruptedBlocks} are the blocks
 * whose bytes arrived different from what was sent (the receiving region hashed them before it kept
 * them): they were not written, and the caller sends them again.
 */
public record BlockTransfer(
    long blocksCopied, long blocksCleared, long meteredBytes, List<Long> corruptedBlocks) {
  public BlockTransfer {
    corruptedBlocks = List.copyOf(corruptedBlocks);
  }

  /** Nothing moved. */
  public static BlockTransfer none() {
    return new BlockTransfer(0, 0, 0, List.of());
  }
}
