package dev.reprotect.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the scrape shows of the engine's series, and of an item's gauges once it stops. */
class EngineStatsReporterTest {
  private static final Map<String, String> WEB = Map.of("vault", "contoso", "vm", "web-01");
  private static final String RPO = "reprotect_replication_rpo_seconds";

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private Instant now = Instant.parse("2030-01-01T00:00:00Z");
  private final EngineStatsReporter reporter =
      new EngineStatsReporter(
          registry,
          new Clock() {
            @Override
            public ZoneOffset getZone() {
              return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
              return this;
            }

            @Override
            public Instant instant() {
              return now;
            }
          });

  @AfterEach
  void close() {
    registry.close();
  }

  @Test
  void anItemsGaugesStayWhileReportedAndLeaveOnceSilentForTheExpiry() {
    reporter.reportGauge(RPO, WEB, 42);
    passAndFlush(Duration.ofMinutes(5));
    reporter.reportGauge(RPO, WEB, 17);
    passAndFlush(EngineStatsReporter.ITEM_GAUGE_EXPIRY.minusMinutes(1));
    assertThat(registry.scrape()).contains(RPO + "{vault=\"contoso\",vm=\"web-01\",} 17.0");

    passAndFlush(Duration.ofMinutes(2));
    assertThat(registry.scrape()).doesNotContain(RPO);

    reporter.reportGauge(RPO, WEB, 3);
    reporter.flush();
    assertThat(registry.scrape()).contains(RPO + "{vault=\"contoso\",vm=\"web-01\",} 3.0");
  }

  /** The SDK's own gauges change only when their value does: silence means nothing there. */
  @Test
  void otherGaugesStayHoweverLongTheyAreSilent() {
    reporter.reportGauge("temporal_worker_task_slots_available", Map.of("worker_type", "x"), 50);
    passAndFlush(EngineStatsReporter.ITEM_GAUGE_EXPIRY.multipliedBy(10));

    assertThat(registry.scrape()).contains("temporal_worker_task_slots_available");
  }

  /** The SDK tags every series with each of its keys; an engine series keeps its real ones. */
  @Test
  void anEngineSeriesCarriesOnlyTheLabelsWithAValue() {
    reporter.reportCounter(
        "reprotect_jobs",
        Map.of(
            "outcome",
            "Failed",
            "job_type",
            "Failover",
            "activity_type",
            "none",
            "signal_name",
            "none"),
        1);
    reporter.reportCounter(
        "temporal_request", Map.of("operation", "Poll", "status_code", "none"), 1);

    String scraped = registry.scrape();
    assertThat(scraped)
        .contains("reprotect_jobs_total{job_type=\"Failover\",outcome=\"Failed\",} 1.0")
        .contains("status_code=\"none\"");
  }

  /** A step's duration in the buckets of seconds to hours, not the SDK's seventy. */
  @Test
  void anEngineDurationHasBucketsFromSecondsToHours() {
    reporter.reportTimer(
        "reprotect_step_duration",
        Map.of("step", "InitialSync"),
        com.uber.m3.util.Duration.ofSeconds(2400));

    List<String> buckets =
        registry
            .scrape()
            .lines()
            .filter(line -> line.startsWith("reprotect_step_duration_seconds_bucket{"))
            .toList();
    assertThat(buckets).hasSize(EngineStatsReporter.DURATION_BUCKETS.size() + 1);
    assertThat(buckets)
        .filteredOn(line -> line.contains("le=\"1800.0\""))
        .singleElement()
        .satisfies(line -> assertThat(line).endsWith(" 0.0"));
    assertThat(buckets)
        .filteredOn(line -> line.contains("le=\"3600.0\""))
        .singleElement()
        .satisfies(line -> assertThat(line).endsWith(" 1.0"));
  }

  private void passAndFlush(Duration time) {
    now = now.plus(time);
    reporter.flush();
  }
}
