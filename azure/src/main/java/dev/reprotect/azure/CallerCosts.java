package dev.reprotect.azure;

import java.util.HashMap;
import java.util.Map;

/**
 * What the backend charged a set of callers (those of one job run, by their correlation ids), as
 * Azure would bill it: bytes read and written on disks per region and per blob ({@code
 * account/container/blob}), bytes hashed, calls by operation (the backend method's name), requests
 * refused by ARM's request limits, and the simulated time charged (unscaled: what the calls would
 * take at the reference product's pace, waits for a busy disk included).
 */
public record CallerCosts(
    Map<String, Long> bytesReadByRegion,
    Map<String, Long> bytesWrittenByRegion,
    Map<String, Long> bytesReadByBlob,
    Map<String, Long> bytesWrittenByBlob,
    long bytesHashed,
    Map<String, Long> callsByOperation,
    long throttledCalls,
    double modelledSeconds) {

  public CallerCosts {
    bytesReadByRegion = Map.copyOf(bytesReadByRegion);
    bytesWrittenByRegion = Map.copyOf(bytesWrittenByRegion);
    bytesReadByBlob = Map.copyOf(bytesReadByBlob);
    bytesWrittenByBlob = Map.copyOf(bytesWrittenByBlob);
    callsByOperation = Map.copyOf(callsByOperation);
  }

  public long bytesRead() {
    return sum(bytesReadByRegion);
  }

  public long bytesWritten() {
    return sum(bytesWrittenByRegion);
  }

  public long bytesReadIn(String region) {
    return bytesReadByRegion.getOrDefault(region, 0L);
  }

  public long bytesWrittenIn(String region) {
    return bytesWrittenByRegion.getOrDefault(region, 0L);
  }

  public long calls() {
    return sum(callsByOperation);
  }

  public long calls(String operation) {
    return callsByOperation.getOrDefault(operation, 0L);
  }

  /** What was charged since {@code earlier}, a reading of the same meters before this one. */
  public CallerCosts minus(CallerCosts earlier) {
    return new CallerCosts(
        minus(bytesReadByRegion, earlier.bytesReadByRegion),
        minus(bytesWrittenByRegion, earlier.bytesWrittenByRegion),
        minus(bytesReadByBlob, earlier.bytesReadByBlob),
        minus(bytesWrittenByBlob, earlier.bytesWrittenByBlob),
        bytesHashed - earlier.bytesHashed,
        minus(callsByOperation, earlier.callsByOperation),
        throttledCalls - earlier.throttledCalls,
        modelledSeconds - earlier.modelledSeconds);
  }

  private static Map<String, Long> minus(Map<String, Long> later, Map<String, Long> earlier) {
    Map<String, Long> since = new HashMap<>();
    later.forEach(
        (key, count) -> {
          long added = count - earlier.getOrDefault(key, 0L);
          if (added != 0) {
            since.put(key, added);
          }
        });
    return since;
  }

  private static long sum(Map<String, Long> counts) {
    return counts.values().stream().mapToLong(Long::longValue).sum();
  }
}
