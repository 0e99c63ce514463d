package dev.reprotect.azure;

import java.util.List;

/** The blocks of a disk in [fromBlock, toBlock) whose content differs between two cuts. */
public record ChangedBlocks(long fromBlock, long toBlock, List<Long> blocks) {
  public ChangedBlocks {
    blocks = List.copyOf(blocks);
  }
}
