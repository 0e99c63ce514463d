package dev.reprotect.worker;

import dev.reprotect.workflows.SearchAttributeDefinitions;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.api.operatorservice.v1.ListSearchAttributesRequest;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Registers the search attributes the workflows use, where the server allows it. */
public final class SearchAttributeSetup {
  private SearchAttributeSetup() {}

  /**
   * Adds the missing attributes to the namespace; returns the names that were added. Throws when
   * the server refuses (a hosted namespace, say): the caller says how to add them.
   */
  public static List<String> registerMissing(WorkflowServiceStubs service, String namespace) {
    OperatorServiceStubs operator =
        OperatorServiceStubs.newServiceStubs(
            OperatorServiceStubsOptions.newBuilder()
                .setChannel(service.getRawChannel())
                .validateAndBuildWithDefaults());
    try {
      Set<String> existing = existing(operator, namespace);
      Map<String, IndexedValueType> missing = new LinkedHashMap<>(SearchAttributeDefinitions.all());
      missing.keySet().removeAll(existing);
      if (!missing.isEmpty()) {
        operator
            .blockingStub()
            .addSearchAttributes(
                AddSearchAttributesRequest.newBuilder()
                    .setNamespace(namespace)
                    .putAllSearchAttributes(missing)
                    .build());
      }
      return List.copyOf(missing.keySet());
    } finally {
      operator.shutdown();
    }
  }

  private static Set<String> existing(OperatorServiceStubs operator, String namespace) {
    try {
      return operator
          .blockingStub()
          .listSearchAttributes(
              ListSearchAttributesRequest.newBuilder().setNamespace(namespace).build())
          .getCustomAttributesMap()
          .keySet();
    } catch (StatusRuntimeException e) {
      // Temporal's Java test server can add search attributes but not list them.
      if (e.getStatus().getCode() == Status.Code.UNIMPLEMENTED) {
        return Set.of();
      }
      throw e;
    }
  }

  /** The command that adds them by hand, for the README and error messages. */
  public static String manualCommand(String namespace) {
    return SearchAttributeDefinitions.all().entrySet().stream()
        .map(
            attribute ->
                "--name "
                    + attribute.getKey()
                    + " --type "
                    + SearchAttributeDefinitions.cliType(attribute.getValue()))
        .collect(
            Collectors.joining(
                " ",
                "temporal operator search-attribute create --namespace " + namespace + " ",
                ""));
  }
}
