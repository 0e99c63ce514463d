package dev.reprotect.bench.harness;

import dev.reprotect.azure.BlobRef;
import java.util.List;

/** A benchmark's replicated item: its source disk and the blocks written on it, in order. */
public record BenchItem(String vault, String vm, BlobRef source, List<Long> writtenBlocks) {
  public BenchItem {
    writtenBlocks = List.copyOf(writtenBlocks);
  }
}
