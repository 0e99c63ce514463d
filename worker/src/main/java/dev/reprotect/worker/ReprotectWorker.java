package dev.reprotect.worker;

import dev.reprotect.activities.ReprotectActivities;
import dev.reprotect.azure.AzureBackend;
import dev.reprotect.workflows.TaskQueues;
import io.temporal.client.WorkflowClient;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;

/** A worker of a Temporal service: every workflow and activity, on the reprotect task queue. */
public final class ReprotectWorker {
  private ReprotectWorker() {}

  /** Starts polling; shut the returned factory down to stop. */
  public static WorkerFactory start(WorkflowClient client, AzureBackend azure) {
    WorkerFactory factory = WorkerFactory.newInstance(client);
    Worker worker = factory.newWorker(TaskQueues.REPROTECT, WorkerRegistration.options());
    WorkerRegistration.registerAll(worker,
        new ReprotectModule(azure, ReprotectActivities.DEFAULT_BLOCKS_PER_RANGE));
    factory.start();
    return factory;
  }
}
