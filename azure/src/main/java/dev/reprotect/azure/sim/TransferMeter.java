package dev.reprotect.azure.sim;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Bytes that crossed regions, per direction. */
final class TransferMeter {
  private final Map<String, LongAdder> bytes = new ConcurrentHashMap<>();
  private final Journal journal;

  TransferMeter(Journal journal) {
    this.journal = journal;
  }

  /**
   * Records a transfer and returns what it cost: nothing when it stays in one region. The
   * journal keeps it with the next change the world commits.
   */
  long record(String fromRegion, String toRegion, long count) {
    if (fromRegion.equals(toRegion) || count == 0) {
      return 0;
    }
    restore(fromRegion, toRegion, count);
    journal.addTransfer(fromRegion, toRegion, count);
    return count;
  }

  /** Adds a total read back from the journal. */
  void restore(String fromRegion, String toRegion, long count) {
    bytes.computeIfAbsent(key(fromRegion, toRegion), k -> new LongAdder()).add(count);
  }

  long bytes(String fromRegion, String toRegion) {
    LongAdder adder = bytes.get(key(fromRegion, toRegion));
    return adder == null ? 0 : adder.sum();
  }

  private static String key(String fromRegion, String toRegion) {
    return fromRegion + "->" + toRegion;
  }
}
