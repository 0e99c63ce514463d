package dev.reprotect.bench.harness;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * N reprotects started together: how many succeeded, their latencies and wall time (of the
 * succeeded ones), and when each closed after the first one started, in order.
 */
public record ManyVmsResult(
    int started, int succeeded, LatencyRuns runs, List<Duration> completedAfter) {
  public ManyVmsResult {
    completedAfter = List.copyOf(completedAfter);
  }

  static List<Duration> completionTimes(List<JobHistory.Span> spans) {
    Instant first =
        spans.stream().map(JobHistory.Span::start).min(Comparator.naturalOrder()).orElseThrow();
    return spans.stream().map(span -> Duration.between(first, span.close())).sorted().toList();
  }
}
