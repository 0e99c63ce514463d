package dev.reprotect.worker;

import com.google.common.util.concurrent.AtomicDouble;
import com.uber.m3.tally.Buckets;
import com.uber.m3.tally.Capabilities;
import com.uber.m3.tally.StatsReporter;
import com.uber.m3.util.Duration;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.temporal.common.reporter.MicrometerClientStatsReporter;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reports to the registry as the SDK's reporter does, except the gauges of replicated items
 * ({@code reprotect_replication_*}), which it drops once they go unreported for {@link #EXPIRY}.
 * A running replication reports them at every cycle and, while a cycle hangs, at every interval
 * (its watchdog): silence means it ended, or its workflow moved to another worker that reports
 * its own. Kept, the last values of a stopped item would go on alerting until the process ends.
 */
final class ItemGaugeReporter implements StatsReporter {
  static final String ITEM_GAUGE_PREFIX = "reprotect_replication_";
  /** Three of the product's 5-minute intervals: a late cycle is not a stopped one. */
  static final java.time.Duration EXPIRY = java.time.Duration.ofMinutes(15);

  private record GaugeId(String name, Map<String, String> tags) {}

  private record Reported(AtomicDouble value, Gauge gauge, Instant at) {}

  private final MeterRegistry registry;
  private final StatsReporter others;
  private final Clock clock;
  private final Map<GaugeId, Reported> itemGauges = new ConcurrentHashMap<>();

  ItemGaugeReporter(MeterRegistry registry, Clock clock) {
    this.registry = registry;
    this.others = new MicrometerClientStatsReporter(registry);
    this.clock = clock;
  }

  @Override
  public void reportGauge(String name, Map<String, String> tags, double value) {
    if (!name.startsWith(ITEM_GAUGE_PREFIX)) {
      others.reportGauge(name, tags, value);
      return;
    }
    itemGauges.compute(new GaugeId(name, Map.copyOf(tags)), (id, reported) -> {
      if (reported == null) {
        AtomicDouble held = new AtomicDouble(value);
        Gauge gauge = Gauge.builder(name, held, AtomicDouble::get)
            .tags(tags.entrySet().stream().map(tag -> Tag.of(tag.getKey(), tag.getValue()))
                .toList())
            .register(registry);
        return new Reported(held, gauge, clock.instant());
      }
      reported.value().set(value);
      return new Reported(reported.value(), reported.gauge(), clock.instant());
    });
  }

  /** Called after each report: the item gauges gone silent leave the registry. */
  @Override
  public void flush() {
    Instant oldest = clock.instant().minus(EXPIRY);
    itemGauges.entrySet().removeIf(entry -> {
      boolean silent = entry.getValue().at().isBefore(oldest);
      if (silent) {
        registry.remove(entry.getValue().gauge());
      }
      return silent;
    });
    others.flush();
  }

  @Override
  public void reportCounter(String name, Map<String, String> tags, long value) {
    others.reportCounter(name, tags, value);
  }

  @Override
  public void reportTimer(String name, Map<String, String> tags, Duration interval) {
    others.reportTimer(name, tags, interval);
  }

  @Override
  @SuppressWarnings("deprecation")
  public void reportHistogramValueSamples(String name, Map<String, String> tags, Buckets buckets,
      double bucketLowerBound, double bucketUpperBound, long samples) {
    others.reportHistogramValueSamples(
        name, tags, buckets, bucketLowerBound, bucketUpperBound, samples);
  }

  @Override
  @SuppressWarnings("deprecation")
  public void reportHistogramDurationSamples(String name, Map<String, String> tags,
      Buckets buckets, Duration bucketLowerBound, Duration bucketUpperBound, long samples) {
    others.reportHistogramDurationSamples(
        name, tags, buckets, bucketLowerBound, bucketUpperBound, samples);
  }

  @Override
  public Capabilities capabilities() {
    return others.capabilities();
  }

  @Override
  public void close() {
    others.close();
  }
}
