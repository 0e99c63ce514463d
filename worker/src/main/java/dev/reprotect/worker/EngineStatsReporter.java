package dev.reprotect.worker;

import com.google.common.util.concurrent.AtomicDouble;
import com.uber.m3.tally.Buckets;
import com.uber.m3.tally.Capabilities;
import com.uber.m3.tally.StatsReporter;
import com.uber.m3.util.Duration;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.temporal.common.reporter.MicrometerClientStatsReporter;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Reports to the registry as the SDK's reporter does, with the engine's series ({@code
 * reprotect_*}) in Prometheus' conventions:
 *
 * <ul>
 *   <li>only the labels that mean something for them: the SDK tags every series of the worker with
 *       each of its tag keys, "none" where it has no value (an engine counter had eight);
 *   <li>durations in buckets from a second to hours, where the SDK gives every timer about 70;
 *   <li>the gauges of replicated items ({@code reprotect_replication_*}) dropped once unreported
 *       for {@link #ITEM_GAUGE_EXPIRY}. A running replication reports them at every cycle and,
 *       while a cycle hangs, at every interval (its watchdog): silence means it ended, or its
 *       workflow moved to another worker that reports its own. Kept, the last values of a stopped
 *       item would go on alerting until the process ends.
 * </ul>
 */
final class EngineStatsReporter implements StatsReporter {
  static final String ENGINE_PREFIX = "reprotect_";
  static final String ITEM_GAUGE_PREFIX = "reprotect_replication_";

  /** Three of the product's 5-minute intervals: a late cycle is not a stopped one. */
  static final java.time.Duration ITEM_GAUGE_EXPIRY = java.time.Duration.ofMinutes(15);

  /** What the SDK sets a tag to where a series has no value for it. */
  private static final String NO_VALUE = "none";

  /** A step, a sync, a job: from seconds to the hours a large disk's sync takes. */
  static final List<java.time.Duration> DURATION_BUCKETS =
      List.of(1, 5, 15, 30, 60, 120, 300, 600, 1800, 3600, 7200, 14400, 28800).stream()
          .map(java.time.Duration::ofSeconds)
          .toList();

  private record GaugeId(String name, Map<String, String> tags) {}

  private record Reported(AtomicDouble value, Gauge gauge, Instant at) {}

  private final MeterRegistry registry;
  private final StatsReporter others;
  private final Clock clock;
  private final Map<GaugeId, Reported> itemGauges = new ConcurrentHashMap<>();

  EngineStatsReporter(MeterRegistry registry, Clock clock) {
    this.registry = registry;
    this.others = new MicrometerClientStatsReporter(registry);
    this.clock = clock;
  }

  @Override
  public void reportCounter(String name, Map<String, String> tags, long value) {
    others.reportCounter(name, labels(name, tags), value);
  }

  @Override
  public void reportGauge(String name, Map<String, String> tags, double value) {
    if (!name.startsWith(ITEM_GAUGE_PREFIX)) {
      others.reportGauge(name, labels(name, tags), value);
      return;
    }
    itemGauges.compute(
        new GaugeId(name, labels(name, tags)),
        (id, reported) -> {
          if (reported == null) {
            AtomicDouble held = new AtomicDouble(value);
            Gauge gauge =
                Gauge.builder(name, held, AtomicDouble::get)
                    .tags(micrometer(id.tags()))
                    .register(registry);
            return new Reported(held, gauge, clock.instant());
          }
          reported.value().set(value);
          return new Reported(reported.value(), reported.gauge(), clock.instant());
        });
  }

  @Override
  public void reportTimer(String name, Map<String, String> tags, Duration interval) {
    if (!name.startsWith(ENGINE_PREFIX)) {
      others.reportTimer(name, tags, interval);
      return;
    }
    Timer.builder(name)
        .tags(micrometer(labels(name, tags)))
        .serviceLevelObjectives(DURATION_BUCKETS.toArray(java.time.Duration[]::new))
        .register(registry)
        .record(interval.getNanos(), TimeUnit.NANOSECONDS);
  }

  /** Called after each report: the item gauges gone silent leave the registry. */
  @Override
  public void flush() {
    Instant oldest = clock.instant().minus(ITEM_GAUGE_EXPIRY);
    itemGauges
        .entrySet()
        .removeIf(
            entry -> {
              boolean silent = entry.getValue().at().isBefore(oldest);
              if (silent) {
                registry.remove(entry.getValue().gauge());
              }
              return silent;
            });
    others.flush();
  }

  // The reporter interface declares its buckets raw: an override can only repeat it.
  @Override
  @SuppressWarnings({"deprecation", "rawtypes"})
  public void reportHistogramValueSamples(
      String name,
      Map<String, String> tags,
      Buckets buckets,
      double bucketLowerBound,
      double bucketUpperBound,
      long samples) {
    others.reportHistogramValueSamples(
        name, tags, buckets, bucketLowerBound, bucketUpperBound, samples);
  }

  @Override
  @SuppressWarnings({"deprecation", "rawtypes"})
  public void reportHistogramDurationSamples(
      String name,
      Map<String, String> tags,
      Buckets buckets,
      Duration bucketLowerBound,
      Duration bucketUpperBound,
      long samples) {
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

  /** An engine series' labels without the SDK's empty ones; another series' as they are. */
  private static Map<String, String> labels(String name, Map<String, String> tags) {
    if (!name.startsWith(ENGINE_PREFIX)) {
      return tags;
    }
    return tags.entrySet().stream()
        .filter(tag -> !NO_VALUE.equals(tag.getValue()))
        .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));
  }

  private static List<Tag> micrometer(Map<String, String> tags) {
    return tags.entrySet().stream().map(tag -> Tag.of(tag.getKey(), tag.getValue())).toList();
  }
}
