package dev.reprotect.bench.harness;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The quick benchmark's figures. {@code counters}: the data path's, read from the backend's meters,
 * exact and the same on every run; {@code pass} is whether each meets its goal. {@code
 * orchestration}: timed on this machine, so beside them, not gating: a loaded machine moves it by a
 * factor of 2 (bench/RESULTS.md).
 */
public record QuickResult(
    boolean pass, Map<String, Counter> counters, OrchestrationFigures orchestration) {
  public QuickResult {
    counters = Collections.unmodifiableMap(new LinkedHashMap<>(counters));
  }

  public static QuickResult of(Map<String, Counter> counters, OrchestrationFigures orchestration) {
    return new QuickResult(
        counters.values().stream().allMatch(Counter::pass), counters, orchestration);
  }
}
