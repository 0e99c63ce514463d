package dev.reprotect.worker;

import com.sun.net.httpserver.HttpServer;
import com.uber.m3.tally.RootScopeBuilder;
import com.uber.m3.tally.Scope;
import com.uber.m3.tally.ScopeCloseException;
import com.uber.m3.util.Duration;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker's metrics in Prometheus' text format on {@code /metrics}: the Temporal SDK's (workflow
 * and activity tasks, polls, latencies) and the engine's (jobs by type and outcome, step durations,
 * bytes sent across regions), both reported through {@link #scope()}, which the connection to
 * Temporal is given.
 */
public final class MetricsEndpoint implements AutoCloseable {
  public static final String PATH = "/metrics";
  private static final Logger LOG = LoggerFactory.getLogger(MetricsEndpoint.class);

  /** How often the scope hands what it gathered to the registry: well under a scrape interval. */
  private static final Duration REPORT_EVERY = Duration.ofSeconds(1);

  private final PrometheusMeterRegistry registry;
  private final Scope scope;
  private final HttpServer server;

  private MetricsEndpoint(PrometheusMeterRegistry registry, Scope scope, HttpServer server) {
    this.registry = registry;
    this.scope = scope;
    this.server = server;
  }

  /** Serves the metrics on every interface at {@code port} (0 picks a free one). */
  public static MetricsEndpoint start(int port) {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(port), 0);
    } catch (IOException unavailable) {
      registry.close();
      throw new UncheckedIOException("cannot serve the metrics on port " + port, unavailable);
    }
    server.createContext(
        PATH,
        exchange -> {
          try (exchange) {
            byte[] body = registry.scrape().getBytes(StandardCharsets.UTF_8);
            exchange
                .getResponseHeaders()
                .set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
              out.write(body);
            }
          }
        });
    server.start();
    Scope scope =
        new RootScopeBuilder()
            .reporter(new EngineStatsReporter(registry, Clock.systemUTC()))
            .reportEvery(REPORT_EVERY);
    return new MetricsEndpoint(registry, scope, server);
  }

  /** The scope to give the service stubs: the SDK's metrics and the workflows' and activities'. */
  public Scope scope() {
    return scope;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** Where to scrape, for the operator. */
  public String where() {
    return "Metrics on port " + port() + ", path " + PATH;
  }

  @Override
  public void close() {
    try {
      scope.close();
    } catch (ScopeCloseException unflushed) {
      // The last second's metrics are lost with the process anyway; the endpoint still closes.
      LOG.warn("The metrics scope did not close cleanly: {}", unflushed.getMessage());
    }
    server.stop(0);
    registry.close();
  }
}
