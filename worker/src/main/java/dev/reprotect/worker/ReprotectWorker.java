package dev.reprotect.worker;

import dev.reprotect.activities.RegisteredActivities;
import dev.reprotect.azure.AzureBackend;
import dev.reprotect.workflows.TaskQueues;
import io.temporal.client.WorkflowClient;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** A worker of a Temporal service: every workflow and activity, on the reprotect task queues. */
public final class ReprotectWorker {
  /** How long the tasks still running after the grace period get to end once interrupted. */
  private static final Duration AFTER_INTERRUPT = Duration.ofSeconds(5);

  private ReprotectWorker() {}

  /** Starts polling; stop it with {@link #stop}. */
  public static WorkerFactory start(WorkflowClient client, AzureBackend azure) {
    return start(client, azure, WorkerSizing.defaults());
  }

  public static WorkerFactory start(
      WorkflowClient client, AzureBackend azure, WorkerSizing sizing) {
    return start(client, azure, sizing, factory -> {});
  }

  /** With more workers beside Reprotect's on the same factory, started with them. */
  public static WorkerFactory start(
      WorkflowClient client,
      AzureBackend azure,
      WorkerSizing sizing,
      Consumer<WorkerFactory> alongside) {
    WorkerFactory factory =
        WorkerFactory.newInstance(
            client,
            WorkerFactoryOptions.newBuilder().setWorkerInterceptors(new TaskLogging()).build());
    WorkerRegistration.registerAll(
        factory,
        TaskQueues.REPROTECT,
        new ReprotectModule(azure, RegisteredActivities.DEFAULT_BLOCKS_PER_RANGE),
        sizing);
    alongside.accept(factory);
    factory.start();
    return factory;
  }

  /**
   * Stops without losing work: no new task is polled, and the tasks in flight get {@code grace} to
   * end. A short activity completes; a long one, at its next heartbeat, fails its attempt with
   * ActivityWorkerShutdownException and Temporal hands it, with its heartbeat details, to another
   * worker. What still runs after {@code grace} is interrupted. The caller closes the backend only
   * after this returns. Returns whether every task ended within the grace period.
   */
  public static boolean stop(WorkerFactory factory, Duration grace) {
    factory.shutdown();
    factory.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS);
    if (factory.isTerminated()) {
      return true;
    }
    factory.shutdownNow();
    factory.awaitTermination(AFTER_INTERRUPT.toMillis(), TimeUnit.MILLISECONDS);
    return false;
  }
}
