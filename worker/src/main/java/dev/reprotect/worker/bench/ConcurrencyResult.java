package dev.reprotect.worker.bench;

/**
 * N reprotects against N floor workflows on the same server and worker. Each ratio is a share of
 * the floor, so 1 is as fast as Temporal alone: throughput over the floor's, and the floor's
 * latency over the reprotect's at the 50th and 99th percentiles.
 */
public record ConcurrencyResult(
    int concurrency, int activitiesPerJob, LatencyRuns reprotect, LatencyRuns floor) {

  public double throughputRatio() {
    return reprotect.throughput() / floor.throughput();
  }

  public double p50Ratio() {
    return latencyRatio(50);
  }

  public double p99Ratio() {
    return latencyRatio(99);
  }

  private double latencyRatio(double percent) {
    return (double) floor.percentile(percent).toNanos() / reprotect.percentile(percent).toNanos();
  }
}
