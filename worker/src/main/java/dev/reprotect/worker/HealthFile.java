package dev.reprotect.worker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import picocli.CommandLine.Option;

/**
 * A liveness signal a container runtime can check without a port: while the process is healthy, the
 * file is rewritten every {@link #EVERY}; a file older than a few periods means it is not. The
 * image's HEALTHCHECK tests its age (docker/Dockerfile).
 */
public final class HealthFile {
  static final Duration EVERY = Duration.ofSeconds(10);

  @Option(
      names = "--health-file",
      paramLabel = "FILE",
      defaultValue = "${env:REPROTECT_HEALTH_FILE}",
      description =
          "Rewrite FILE every 10 s while healthy, for a container's health check "
              + "(default: $REPROTECT_HEALTH_FILE; none when unset).")
  Path file;

  /** The running signal: closing it stops it and removes the file. */
  public interface Signal extends AutoCloseable {
    @Override
    void close();
  }

  /** Starts the signal, when a file was named (else does nothing). */
  public Signal start(BooleanSupplier healthy) {
    if (file == null) {
      return () -> {};
    }
    ScheduledExecutorService timer =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "reprotect-health");
              thread.setDaemon(true);
              return thread;
            });
    timer.scheduleWithFixedDelay(
        () -> {
          try {
            if (healthy.getAsBoolean()) {
              Files.writeString(file, Instant.now().toString());
            }
          } catch (IOException | RuntimeException notNow) {
            // Not rewritten this time: the file ages, which is what the check reports.
          }
        },
        0,
        EVERY.toMillis(),
        TimeUnit.MILLISECONDS);
    return () -> {
      timer.shutdownNow();
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    };
  }
}
