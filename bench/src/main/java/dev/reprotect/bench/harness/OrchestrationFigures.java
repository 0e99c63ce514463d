package dev.reprotect.bench.harness;

/**
 * Reprotects against their floor, in one process: {@code orchestrationRatio} the reprotects'
 * throughput over the floor's, with its goal; the process's CPU-seconds per job of each, which a
 * loaded machine moves less than wall time.
 */
public record OrchestrationFigures(
    Counter orchestrationRatio, double reprotectCpuSecondsPerJob, double floorCpuSecondsPerJob) {
  /** The share of the floor's throughput a reprotect keeps. */
  static final double GOAL = 0.8;

  static OrchestrationFigures of(ConcurrencyResult result) {
    return new OrchestrationFigures(
        Counter.atLeast(result.throughputRatio(), GOAL),
        result.reprotectCpuSecondsPerJob(),
        result.floorCpuSecondsPerJob());
  }
}
