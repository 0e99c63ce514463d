package dev.reprotect.bench.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LatencyRunsTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void percentilesAreNearestRankAndThroughputCountsFromFirstStartToLastClose() {
    List<JobHistory.Span> spans = new ArrayList<>();
    for (int i = 1; i <= 100; i++) {
      // Started one second apart, each running i seconds: the last closes at 99 + 100 s.
      spans.add(new JobHistory.Span(T0.plusSeconds(i - 1), T0.plusSeconds(i - 1 + i)));
    }

    LatencyRuns runs = LatencyRuns.of(spans);

    assertThat(runs.percentile(50)).isEqualTo(Duration.ofSeconds(50));
    assertThat(runs.percentile(99)).isEqualTo(Duration.ofSeconds(99));
    assertThat(runs.percentile(100)).isEqualTo(Duration.ofSeconds(100));
    assertThat(runs.wall()).isEqualTo(Duration.ofSeconds(199));
    assertThat(runs.throughput()).isEqualTo(100 / 199.0);
  }

  @Test
  void ratiosAreSharesOfTheFloor() {
    LatencyRuns floor = new LatencyRuns(List.of(Duration.ofSeconds(1)), Duration.ofSeconds(1));
    LatencyRuns reprotect = new LatencyRuns(List.of(Duration.ofSeconds(2)), Duration.ofSeconds(4));

    ConcurrencyResult result =
        new ConcurrencyResult(
            1, 12, reprotect, floor, Duration.ofSeconds(2), Duration.ofSeconds(1));

    assertThat(result.throughputRatio()).isEqualTo(0.25);
    assertThat(result.p50Ratio()).isEqualTo(0.5);
    assertThat(result.p99Ratio()).isEqualTo(0.5);
  }
}
