package dev.reprotect.azure.sim;

import dev.reprotect.azure.Caller;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Bytes that crossed regions, per direction and per caller. */
final class TransferMeter {
  private final Map<String, LongAdder> bytes = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> bytesByCaller = new ConcurrentHashMap<>();
  private final Journal journal;

  TransferMeter(Journal journal) {
    this.journal = journal;
  }

  /**
   * Records a transfer the caller asked for and returns what it cost: nothing when it stays in one
   * region. The journal keeps it with the next change the world commits.
   */
  long record(Caller caller, String fromRegion, String toRegion, long count) {
    if (fromRegion.equals(toRegion) || count == 0) {
      return 0;
    }
    restore(fromRegion, toRegion, count);
    restoreCaller(caller.correlationId(), count);
    journal.addTransfer(caller.correlationId(), fromRegion, toRegion, count);
    return count;
  }

  /** Adds a total read back from the journal. */
  void restore(String fromRegion, String toRegion, long count) {
    add(bytes, fromRegion + "->" + toRegion, count);
  }

  /** Adds a caller's total read back from the journal. */
  void restoreCaller(String correlationId, long count) {
    add(bytesByCaller, correlationId, count);
  }

  long bytes(String fromRegion, String toRegion) {
    LongAdder adder = bytes.get(fromRegion + "->" + toRegion);
    return adder == null ? 0 : adder.sum();
  }

  long bytesBy(String correlationIdPrefix) {
    return bytesByCaller.entrySet().stream()
        .filter(entry -> entry.getKey().startsWith(correlationIdPrefix))
        .mapToLong(entry -> entry.getValue().sum())
        .sum();
  }

  private static void add(Map<String, LongAdder> totals, String key, long count) {
    totals.computeIfAbsent(key, k -> new LongAdder()).add(count);
  }
}
