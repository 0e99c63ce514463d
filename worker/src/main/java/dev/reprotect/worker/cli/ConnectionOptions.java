package dev.reprotect.worker.cli;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import picocli.CommandLine.Option;

/** Where the Temporal service is: shared by every command that talks to one. */
final class ConnectionOptions {
  @Option(names = "--address", defaultValue = "${env:TEMPORAL_ADDRESS:-localhost:7233}",
      description = "Temporal frontend host:port (default: $TEMPORAL_ADDRESS or ${DEFAULT-VALUE}).")
  String address;

  @Option(names = "--namespace", defaultValue = "${env:TEMPORAL_NAMESPACE:-default}",
      description = "Temporal namespace (default: $TEMPORAL_NAMESPACE or ${DEFAULT-VALUE}).")
  String namespace;

  WorkflowServiceStubs connect() {
    return WorkflowServiceStubs.newServiceStubs(
        WorkflowServiceStubsOptions.newBuilder().setTarget(address).build());
  }

  WorkflowClient client(WorkflowServiceStubs service) {
    return WorkflowClient.newInstance(service,
        WorkflowClientOptions.newBuilder().setNamespace(namespace).build());
  }
}
