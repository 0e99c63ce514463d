package dev.reprotect.worker.cli;

import com.uber.m3.tally.Scope;
import dev.reprotect.activities.RegisteredActivities;
import dev.reprotect.azure.AzureBackend;
import dev.reprotect.worker.EmbeddedTemporal;
import dev.reprotect.worker.ReprotectModule;
import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;

/**
 * Where the demo's jobs run: Temporal's in-process service with a worker of this JVM on the demo's
 * backend (the default, nothing to install), or a Temporal service the connection flags name, whose
 * own workers run them (`reprotect dev`'s, on the Azure service the demo is given).
 */
final class DemoTemporal implements AutoCloseable {
  private final WorkflowClient client;
  private final Runnable closing;
  private final String service;

  private DemoTemporal(WorkflowClient client, Runnable closing, String service) {
    this.client = client;
    this.closing = closing;
    this.service = service;
  }

  /** The in-process service, its worker's and workflows' metrics to {@code metrics} if any. */
  static DemoTemporal embedded(AzureBackend azure, Scope metrics) {
    EmbeddedTemporal temporal =
        new EmbeddedTemporal(
            new ReprotectModule(azure, RegisteredActivities.DEFAULT_BLOCKS_PER_RANGE), metrics);
    return new DemoTemporal(temporal.client(), temporal::close, null);
  }

  /**
   * The service the flags name, once it has answered: the demo changes nothing in its Azure before.
   * {@code metrics}, if any, gets the client's requests.
   */
  static DemoTemporal service(ConnectionOptions connection, Scope metrics) {
    WorkflowServiceStubsOptions.Builder options =
        WorkflowServiceStubsOptions.newBuilder(connection.serviceOptions());
    if (metrics != null) {
      options.setMetricsScope(metrics);
    }
    WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(options.build());
    try {
      stubs.blockingStub().getSystemInfo(GetSystemInfoRequest.getDefaultInstance());
    } catch (RuntimeException unreachable) {
      stubs.shutdown();
      throw unreachable;
    }
    return new DemoTemporal(
        connection.client(stubs),
        stubs::shutdown,
        connection.address() + " (namespace " + connection.namespace() + ")");
  }

  WorkflowClient client() {
    return client;
  }

  /** Where the jobs run, for the demo's output. */
  String where() {
    return service == null
        ? "the in-process Temporal service, on this JVM's worker"
        : "the Temporal service at " + service + ", on its workers";
  }

  @Override
  public void close() {
    closing.run();
  }
}
