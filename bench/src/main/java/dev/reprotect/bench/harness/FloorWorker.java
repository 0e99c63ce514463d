package dev.reprotect.bench.harness;

import dev.reprotect.worker.WorkerSizing;
import dev.reprotect.workflows.RegisteredWorkflows;
import dev.reprotect.workflows.TaskQueues;
import io.temporal.client.WorkflowClient;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;

/**
 * The orchestration floor: Reprotect's own workflows on task queues of their own, whose activities
 * do nothing but answer what a real job's activities answered. A floor job so runs the same
 * workflow code, commands and payloads as a reprotect; what a reprotect costs beyond it is its
 * activities' work. Same factory as Reprotect's workers (same process, connection and workflow
 * cache), as many activity slots.
 */
public final class FloorWorker {
  public static final String TASK_QUEUE = "reprotect-bench-floor";

  private final RecordedActivities activities = new RecordedActivities();

  public void register(WorkerFactory factory) {
    Worker steps = factory.newWorker(TASK_QUEUE, slots(WorkerSizing.DEFAULT_STEP_SLOTS));
    steps.registerWorkflowImplementationTypes(
        RegisteredWorkflows.IMPLEMENTATIONS.toArray(Class<?>[]::new));
    steps.registerActivitiesImplementations(activities);
    factory
        .newWorker(TaskQueues.syncQueueOf(TASK_QUEUE), slots(WorkerSizing.DEFAULT_SYNC_SLOTS))
        .registerActivitiesImplementations(activities);
    factory
        .newWorker(
            TaskQueues.shipmentQueueOf(TASK_QUEUE), slots(WorkerSizing.DEFAULT_SHIPMENT_SLOTS))
        .registerActivitiesImplementations(activities);
  }

  /** From now on the floor's activities answer as the finished job's did. */
  void answerAs(WorkflowClient client, String workflowId) {
    activities.answerWith(JobHistory.activityResults(client, workflowId));
  }

  private static WorkerOptions slots(int activities) {
    return WorkerOptions.newBuilder().setMaxConcurrentActivityExecutionSize(activities).build();
  }
}
