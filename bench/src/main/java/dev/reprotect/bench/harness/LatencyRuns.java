package dev.reprotect.bench.harness;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * N workflows started together: each one's latency (start to close, as the server recorded them)
 * and the wall time from the first start to the last close.
 */
public record LatencyRuns(List<Duration> latencies, Duration wall) {
  public LatencyRuns {
    latencies = latencies.stream().sorted(Comparator.naturalOrder()).toList();
  }

  static LatencyRuns of(List<JobHistory.Span> spans) {
    List<Duration> latencies = new ArrayList<>();
    for (JobHistory.Span span : spans) {
      latencies.add(span.duration());
    }
    return new LatencyRuns(
        latencies,
        Duration.between(
            spans.stream().map(JobHistory.Span::start).min(Comparator.naturalOrder()).orElseThrow(),
            spans.stream()
                .map(JobHistory.Span::close)
                .max(Comparator.naturalOrder())
                .orElseThrow()));
  }

  /** Runs one after another: every latency, and their walls added (the gaps left out). */
  static LatencyRuns inSequence(List<LatencyRuns> runs) {
    List<Duration> latencies = new ArrayList<>();
    Duration wall = Duration.ZERO;
    for (LatencyRuns run : runs) {
      latencies.addAll(run.latencies());
      wall = wall.plus(run.wall());
    }
    return new LatencyRuns(latencies, wall);
  }

  /** Workflows completed per second. */
  public double throughput() {
    return latencies.size() / (wall.toNanos() / 1e9);
  }

  /** The nearest-rank percentile. */
  public Duration percentile(double percent) {
    int rank = (int) Math.ceil(percent / 100 * latencies.size());
    return latencies.get(Math.max(rank, 1) - 1);
  }
}
