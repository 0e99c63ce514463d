package dev.reprotect.workflows;

import com.uber.m3.tally.RootScopeBuilder;
import com.uber.m3.tally.Scope;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import io.temporal.common.reporter.MicrometerClientStatsReporter;
import java.util.Arrays;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The workflows' metrics as Prometheus scrapes them from a worker: a scope for the test
 * environment, reported through the same reporter and registry every 50 ms. Registered as an
 * extension, it closes after the test class.
 */
public final class TestMetrics implements AfterAllCallback {
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  public final Scope scope =
      new RootScopeBuilder()
          .reporter(new MicrometerClientStatsReporter(registry))
          .reportEvery(com.uber.m3.util.Duration.ofMillis(50));

  /** The sum of the samples of {@code name} whose labels include every one of {@code labels}. */
  public double sum(String name, String... labels) {
    return registry
        .scrape()
        .lines()
        .filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
        .filter(line -> Arrays.stream(labels).allMatch(line::contains))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
        .sum();
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    scope.close();
    registry.close();
  }
}
