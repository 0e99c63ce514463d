package dev.reprotect.worker.bench;

import dev.reprotect.worker.WorkerSizing;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;

/**
 * The floor on a worker of its own task queue, in the same factory (same process, same
 * connection, same workflow cache) as Reprotect's, with as many activity slots as its steps.
 */
public final class FloorWorker {
  public static final String TASK_QUEUE = "reprotect-bench-floor";

  private FloorWorker() {}

  public static void register(WorkerFactory factory) {
    Worker worker = factory.newWorker(TASK_QUEUE, WorkerOptions.newBuilder()
        .setMaxConcurrentActivityExecutionSize(WorkerSizing.DEFAULT_STEP_SLOTS)
        .build());
    worker.registerWorkflowImplementationTypes(FloorWorkflowImpl.class);
    worker.registerActivitiesImplementations(new NoOpActivitiesImpl());
  }
}
