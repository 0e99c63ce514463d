package dev.reprotect.activities.replication;

import dev.reprotect.activities.data.DataRanges;
import java.util.NavigableMap;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * The ranges of one disk that its threads send at once: each claims the next range with data, and
 * the disk's safe point is the lowest block not yet sent of the ranges in flight (or, with none in
 * flight, where the next claim starts). A retry resumes there: the ranges in flight above it, sent
 * in part or in full, are sent again, which is harmless and costs at most a range per thread.
 *
 * <p>Sent again, they must not be counted again. The bytes they moved count at once: a retry moves
 * none of them again, since storage skips the blocks its target holds already. Their changed blocks
 * count at once when the ranges' blocks are found by comparing with the replica (a retry finds
 * those sent equal), and otherwise (found from the cuts alone, so a retry sends and counts them
 * again) only once the safe point passed them: the progress a retry resumes from counts the changed
 * blocks before its safe point, and none after it.
 */
final class DiskRanges {
  private final DataRanges candidates;
  private final int blocksPerRange;
  private final long totalBlocks;
  private final ShipmentLedger ledger;

  /** Whether a retry sends the ranges above the safe point again and counts their blocks again. */
  private final boolean resentWhole;

  /** The ranges in flight, by first block: the first block each has not sent yet. */
  private final TreeMap<Long, Long> inFlight = new TreeMap<>();

  /**
   * The changed blocks sent above the safe point and not counted yet, by the block their batch
   * reached: they count once the safe point gets there.
   */
  private final TreeMap<Long, Long> uncounted = new TreeMap<>();

  private long next;
  private DiskProgress progress;

  DiskRanges(
      DataRanges candidates,
      int blocksPerRange,
      long totalBlocks,
      DiskProgress resumed,
      ShipmentLedger ledger,
      boolean resentWhole) {
    this.candidates = candidates;
    this.blocksPerRange = blocksPerRange;
    this.totalBlocks = totalBlocks;
    this.ledger = ledger;
    this.resentWhole = resentWhole;
    this.next = resumed.nextBlock();
    this.progress = resumed;
  }

  /** The first block of the next range with data to visit; empty when none is left. */
  synchronized OptionalLong claim() {
    long from = candidates.nextRange(next, blocksPerRange, totalBlocks);
    next = Math.min(from + blocksPerRange, totalBlocks);
    if (from >= totalBlocks) {
      return OptionalLong.empty();
    }
    inFlight.put(from, from);
    return OptionalLong.of(from);
  }

  /**
   * The range from {@code range} has sent every block before {@code reached}, and it moved {@code
   * changed} blocks, {@code staged} bytes into the staging blob and {@code shipped} bytes across
   * regions.
   */
  void reached(long range, long reached, long changed, long staged, long shipped) {
    DiskProgress now;
    synchronized (this) {
      inFlight.put(range, reached);
      if (resentWhole) {
        uncounted.merge(reached, changed, Long::sum);
        now = advance(0, staged, shipped);
      } else {
        now = advance(changed, staged, shipped);
      }
    }
    ledger.update(now);
  }

  /** The range from {@code range} was sent whole. */
  void finished(long range) {
    DiskProgress now;
    synchronized (this) {
      inFlight.remove(range);
      now = advance(0, 0, 0);
    }
    ledger.update(now);
  }

  synchronized DiskProgress progress() {
    return progress;
  }

  private DiskProgress advance(long changed, long staged, long shipped) {
    // Claimed in ascending order and disjoint: the first range in flight holds the lowest gap.
    long safePoint = inFlight.isEmpty() ? next : inFlight.firstEntry().getValue();
    // A batch's blocks all lie before the block it reached.
    NavigableMap<Long, Long> passed = uncounted.headMap(safePoint, true);
    long counted = changed + passed.values().stream().mapToLong(Long::longValue).sum();
    passed.clear();
    progress = progress.advance(safePoint, counted, staged, shipped);
    return progress;
  }
}
