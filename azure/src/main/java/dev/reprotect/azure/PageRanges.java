package dev.reprotect.azure;

import java.util.List;

/**
 * One page of a page-range listing of [fromBlock, toBlock): the ranges found in [fromBlock,
 * scannedTo), ascending and apart. A listing cut short by its page size has {@code scannedTo} below
 * {@code toBlock}, and the next page is asked for from there; a complete one reaches it.
 */
public record PageRanges(List<PageRange> ranges, long scannedTo) {
  public PageRanges {
    ranges = List.copyOf(ranges);
  }
}
