package dev.reprotect.azure.sim;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Bytes that crossed regions, per direction. */
final class TransferMeter {
  private final Map<String, LongAdder> bytes = new ConcurrentHashMap<>();

  /** Records a transfer and returns what it cost: nothing when it stays in one region. */
  long record(String fromRegion, String toRegion, long count) {
    if (fromRegion.equals(toRegion) || count == 0) {
      return 0;
    }
    bytes.computeIfAbsent(key(fromRegion, toRegion), k -> new LongAdder()).add(count);
    return count;
  }

  long bytes(String fromRegion, String toRegion) {
    LongAdder adder = bytes.get(key(fromRegion, toRegion));
    return adder == null ? 0 : adder.sum();
  }

  private static String key(String fromRegion, String toRegion) {
    return fromRegion + "->" + toRegion;
  }
}
