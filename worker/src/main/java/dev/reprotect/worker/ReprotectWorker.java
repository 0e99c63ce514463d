package dev.reprotect.worker;

import dev.reprotect.activities.ReprotectActivities;
import dev.reprotect.azure.AzureBackend;
import dev.reprotect.workflows.TaskQueues;
import io.temporal.client.WorkflowClient;
import io.temporal.worker.WorkerFactory;

/** A worker of a Temporal service: every workflow and activity, on the reprotect task queues. */
public final class ReprotectWorker {
  private ReprotectWorker() {}

  /** Starts polling; shut the returned factory down to stop. */
  public static WorkerFactory start(WorkflowClient client, AzureBackend azure) {
    return start(client, azure, WorkerSizing.defaults());
  }

  public static WorkerFactory start(WorkflowClient client, AzureBackend azure,
      WorkerSizing sizing) {
    WorkerFactory factory = WorkerFactory.newInstance(client);
    WorkerRegistration.registerAll(factory, TaskQueues.REPROTECT,
        new ReprotectModule(azure, ReprotectActivities.DEFAULT_BLOCKS_PER_RANGE), sizing);
    factory.start();
    return factory;
  }
}
