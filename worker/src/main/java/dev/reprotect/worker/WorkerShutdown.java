package dev.reprotect.worker;

import io.temporal.worker.WorkerFactory;
import java.time.Duration;

/** How a command that hosts a worker stops it on Ctrl-C or SIGTERM, telling the operator. */
public final class WorkerShutdown {
  /** Beyond the grace period: the interrupted tasks' end, the backend's and the connection's. */
  private static final Duration BEYOND_GRACE = Duration.ofSeconds(10);

  private WorkerShutdown() {}

  /** The signal to wait for; it holds the JVM until the worker had its grace and closed. */
  public static StopSignal signal(Duration grace) {
    return new StopSignal(grace.plus(BEYOND_GRACE));
  }

  /** Stops the worker without losing work ({@link ReprotectWorker#stop}), saying how it went. */
  public static void stop(WorkerFactory factory, Duration grace) {
    System.out.printf(
        "Stopping: no new tasks; the tasks in flight get up to %d s.%n", grace.toSeconds());
    System.out.println(
        ReprotectWorker.stop(factory, grace)
            ? "Worker stopped: every task in flight ended or was handed back to Temporal."
            : "Worker stopped: tasks still running after "
                + grace.toSeconds()
                + " s were "
                + "interrupted; Temporal retries them on another worker.");
  }
}
