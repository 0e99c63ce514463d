package dev.reprotect.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the scrape shows of an item's gauges as its replication reports them, then stops. */
class ItemGaugeReporterTest {
  private static final Map<String, String> WEB = Map.of("vault", "contoso", "vm", "web-01");
  private static final String RPO = "reprotect_replication_rpo_seconds";

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private Instant now = Instant.parse("2030-01-01T00:00:00Z");
  private final ItemGaugeReporter reporter = new ItemGaugeReporter(registry, new Clock() {
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
    passAndFlush(ItemGaugeReporter.EXPIRY.minusMinutes(1));
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
    passAndFlush(ItemGaugeReporter.EXPIRY.multipliedBy(10));

    assertThat(registry.scrape()).contains("temporal_worker_task_slots_available");
  }

  private void passAndFlush(Duration time) {
    now = now.plus(time);
    reporter.flush();
  }
}
