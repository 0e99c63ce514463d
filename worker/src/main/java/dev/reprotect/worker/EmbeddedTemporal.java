package dev.reprotect.worker;

import dev.reprotect.workflows.SearchAttributeDefinitions;
import dev.reprotect.workflows.TaskQueues;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;

/**
 * The embedded default: Temporal's in-process service, in real time, with a worker on the
 * reprotect task queue. Nothing to install; it lives and dies with the JVM, and cannot list
 * workflows (no visibility store).
 */
public final class EmbeddedTemporal implements AutoCloseable {
  private final TestWorkflowEnvironment environment;

  public EmbeddedTemporal(ReprotectModule module) {
    environment = TestWorkflowEnvironment.newInstance(
        TestEnvironmentOptions.newBuilder().setUseTimeskipping(false).build());
    SearchAttributeDefinitions.all().forEach(environment::registerSearchAttribute);
    Worker worker = environment.newWorker(TaskQueues.REPROTECT, WorkerRegistration.options());
    WorkerRegistration.registerAll(worker, module);
    environment.start();
  }

  public WorkflowClient client() {
    return environment.getWorkflowClient();
  }

  @Override
  public void close() {
    environment.close();
  }
}
