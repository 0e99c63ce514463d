package dev.reprotect.bench.harness;

import java.time.Duration;

/**
 * N reprotects against N floor workflows on the same server and worker. Each ratio is a share of
 * the floor, so 1 is as fast as Temporal alone: throughput over the floor's, and the floor's
 * latency over the reprotect's at the 50th and 99th percentiles. The CPU times are this process's
 * while each kind ran (the worker's, and the server's when it is embedded).
 */
public record ConcurrencyResult(
    int concurrency,
    int activitiesPerJob,
    LatencyRuns reprotect,
    LatencyRuns floor,
    Duration reprotectCpu,
    Duration floorCpu) {

  public double reprotectCpuSecondsPerJob() {
    return reprotectCpu.toNanos() / 1e9 / reprotect.latencies().size();
  }

  public double floorCpuSecondsPerJob() {
    return floorCpu.toNanos() / 1e9 / floor.latencies().size();
  }

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
