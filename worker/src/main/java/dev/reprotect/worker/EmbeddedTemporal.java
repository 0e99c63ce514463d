package dev.reprotect.worker;

import com.uber.m3.tally.Scope;
import dev.reprotect.workflows.SearchAttributeDefinitions;
import dev.reprotect.workflows.TaskQueues;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.WorkerFactory;
import java.util.function.Consumer;

/**
 * The embedded default: Temporal's in-process service, in real time, with a worker on the reprotect
 * task queues. Nothing to install; it lives and dies with the JVM, and cannot list workflows (no
 * visibility store).
 */
public final class EmbeddedTemporal implements AutoCloseable {
  private final TestWorkflowEnvironment environment;

  public EmbeddedTemporal(ReprotectModule module) {
    this(module, null, factory -> {});
  }

  /** With more workers beside Reprotect's on the same factory, started with them. */
  public EmbeddedTemporal(ReprotectModule module, Consumer<WorkerFactory> alongside) {
    this(module, null, alongside);
  }

  /** The same, its worker's and workflows' metrics reported to {@code metrics}. */
  public EmbeddedTemporal(ReprotectModule module, Scope metrics) {
    this(module, metrics, factory -> {});
  }

  private EmbeddedTemporal(
      ReprotectModule module, Scope metrics, Consumer<WorkerFactory> alongside) {
    TestEnvironmentOptions.Builder options =
        TestEnvironmentOptions.newBuilder().setUseTimeskipping(false);
    if (metrics != null) {
      options.setMetricsScope(metrics);
    }
    environment = TestWorkflowEnvironment.newInstance(options.build());
    SearchAttributeDefinitions.all().forEach(environment::registerSearchAttribute);
    WorkerRegistration.registerAll(
        environment.getWorkerFactory(), TaskQueues.REPROTECT, module, WorkerSizing.defaults());
    alongside.accept(environment.getWorkerFactory());
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
