package dev.reprotect.bench;

import dev.reprotect.worker.SearchAttributeSetup;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;

/** A Temporal server the runs are given by address, such as the CLI's dev server. */
final class TemporalServer {
  static final String NAMESPACE = "default";

  private TemporalServer() {}

  /** Connects, and registers the search attributes Reprotect's jobs set, as a worker does. */
  static WorkflowServiceStubs connect(String address) {
    WorkflowServiceStubs service =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(address).build());
    SearchAttributeSetup.registerMissing(service, NAMESPACE);
    return service;
  }

  static WorkflowClient client(WorkflowServiceStubs service) {
    return WorkflowClient.newInstance(
        service, WorkflowClientOptions.newBuilder().setNamespace(NAMESPACE).build());
  }
}
