package dev.reprotect.worker.cli;

import dev.reprotect.worker.MetricsEndpoint;
import java.io.UncheckedIOException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** --metrics-port of the commands that run a worker: its metrics on /metrics for Prometheus. */
final class MetricsOption {
  @Option(
      names = "--metrics-port",
      paramLabel = "PORT",
      defaultValue = "${env:REPROTECT_METRICS_PORT}",
      description =
          "Serve the worker's metrics to Prometheus on http://<host>:PORT"
              + MetricsEndpoint.PATH
              + ": the Temporal SDK's (temporal_*) and the engine's "
              + "(reprotect_jobs by type and outcome, reprotect_step_duration per step, "
              + "reprotect_bytes_sent_across_regions, each job's reprotect_backend_* meters by "
              + "side and operation, and per replicated item "
              + "reprotect_replication_rpo_seconds and reprotect_replication_health) "
              + "(default: $REPROTECT_METRICS_PORT, or none).")
  Integer port;

  /** The endpoint, serving; or null without --metrics-port. */
  MetricsEndpoint start(CommandSpec spec) {
    if (port == null) {
      return null;
    }
    try {
      return MetricsEndpoint.start(port);
    } catch (UncheckedIOException unavailable) {
      throw new ParameterException(
          spec.commandLine(),
          "--metrics-port "
              + port
              + ": cannot listen there ("
              + unavailable.getCause().getMessage()
              + ")");
    }
  }
}
