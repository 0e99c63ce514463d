package dev.reprotect.activities.data;

import dev.reprotect.azure.AzureBackend;
import dev.reprotect.azure.BlobRef;
import dev.reprotect.azure.Caller;
import dev.reprotect.azure.PageRanges;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongFunction;

/**
 * The blocks of a disk that a range loop has to visit, listed from the backend's page ranges (one
 * call per page of ranges, whatever the disk's size). A loop steps from one range with data to the
 * next over the empty space between, so the calls it makes follow the data, not the size of the
 * disk (bench/RESULTS.md, items 3 and 5).
 */
public final class DataRanges {
  /** Ranges per page of a listing: a few KiB of JSON, and one call for most disks. */
  static final int RANGES_PER_PAGE = 1000;

  /** Disjoint ranges, first block to the block past the end, none adjacent to another. */
  private final TreeMap<Long, Long> ends = new TreeMap<>();

  private DataRanges() {}

  /** The allocated blocks of a blob in [fromBlock, toBlock). */
  public static DataRanges allocated(
      AzureBackend azure, Caller caller, BlobRef ref, long fromBlock, long toBlock) {
    return listed(
        from -> azure.storage().pageRanges(caller, ref, from, toBlock, RANGES_PER_PAGE),
        fromBlock,
        toBlock);
  }

  /**
   * The blocks in [fromBlock, toBlock) written or cleared on {@code ref} since {@code previous}, an
   * earlier snapshot of the same disk, found where the two live.
   */
  public static DataRanges changedSince(
      AzureBackend azure,
      Caller caller,
      BlobRef ref,
      BlobRef previous,
      long fromBlock,
      long toBlock) {
    return listed(
        from ->
            azure.storage().pageRangesDiff(caller, ref, previous, from, toBlock, RANGES_PER_PAGE),
        fromBlock,
        toBlock);
  }

  /**
   * The blocks in [fromBlock, toBlock) allocated on either disk, each side listed where it lives,
   * both at once: a block only the replica has must be visited too, to be cleared.
   */
  public static DataRanges allocatedOnEither(
      AzureBackend azure,
      Caller caller,
      BlobRef source,
      BlobRef replica,
      long fromBlock,
      long toBlock) {
    BothSides.Answers<DataRanges> sides =
        BothSides.atOnce(
            () -> allocated(azure, caller, source, fromBlock, toBlock),
            () -> allocated(azure, caller, replica, fromBlock, toBlock));
    return sides.source().with(sides.replica());
  }

  /** How many blocks the ranges hold. */
  public long blockCount() {
    return ends.entrySet().stream().mapToLong(range -> range.getValue() - range.getKey()).sum();
  }

  /** These ranges with those of {@code other} added: the blocks in either. */
  public DataRanges with(DataRanges other) {
    other.ends.forEach(this::add);
    return this;
  }

  private static DataRanges listed(
      LongFunction<PageRanges> pageFrom, long fromBlock, long toBlock) {
    DataRanges ranges = new DataRanges();
    long from = fromBlock;
    while (from < toBlock) {
      PageRanges page = pageFrom.apply(from);
      page.ranges().forEach(range -> ranges.add(range.firstBlock(), range.endBlock()));
      if (page.scannedTo() <= from) {
        // A page that does not advance would be asked for again forever.
        throw new IllegalStateException(
            "a page-range listing from block " + from + " stopped at " + page.scannedTo());
      }
      from = page.scannedTo();
    }
    return ranges;
  }

  /** Adds [first, end), merged with the ranges it overlaps or touches. */
  private void add(long first, long end) {
    Map.Entry<Long, Long> before = ends.floorEntry(first);
    if (before != null && before.getValue() >= first) {
      first = before.getKey();
      end = Math.max(end, before.getValue());
    }
    Map.Entry<Long, Long> after = ends.ceilingEntry(first);
    while (after != null && after.getKey() <= end) {
      end = Math.max(end, after.getValue());
      ends.remove(after.getKey());
      after = ends.ceilingEntry(first);
    }
    ends.put(first, end);
  }

  /**
   * The first of the ranges of {@code blocksPerRange} blocks that follow one another from {@code
   * position} on that holds data; {@code end} when none before it does. A loop that goes from one
   * to the next steps over the empty ranges and keeps the others where they were.
   */
  public long nextRange(long position, int blocksPerRange, long end) {
    long data = nextFrom(position, end);
    return data >= end ? end : position + (data - position) / blocksPerRange * blocksPerRange;
  }

  /** The first block at or after {@code block} in a range; {@code end} when none is before it. */
  private long nextFrom(long block, long end) {
    Map.Entry<Long, Long> holding = ends.floorEntry(block);
    if (holding != null && holding.getValue() > block) {
      return Math.min(block, end);
    }
    Long next = ends.higherKey(block);
    return next == null ? end : Math.min(next, end);
  }

  /** The blocks of the ranges in [fromBlock, toBlock), ascending. */
  public List<Long> blocksIn(long fromBlock, long toBlock) {
    List<Long> blocks = new ArrayList<>();
    Long first = ends.floorKey(fromBlock);
    for (Map.Entry<Long, Long> range :
        ends.tailMap(first == null ? fromBlock : first, true).entrySet()) {
      if (range.getKey() >= toBlock) {
        break;
      }
      for (long block = Math.max(range.getKey(), fromBlock);
          block < Math.min(range.getValue(), toBlock);
          block++) {
        blocks.add(block);
      }
    }
    return blocks;
  }
}
