package dev.reprotect.worker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reprotect.worker.Await;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowExecutionMetadata;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The round trip on `reprotect dev --detach`: a real Temporal dev server (the Temporal CLI, which
 * the build ensures before the integration tests), the simulated Azure service and the worker `dev`
 * starts. The demo seeds a VM of its own, unprotected, beside the dev world's failed-over one, and
 * drives the round trip with churn through the server: the jobs run on dev's worker, and each hop
 * is a workflow the server keeps, found by its search attributes, with its history.
 */
class RoundTripDevServerIT {
  private static final String VM = "app-01";

  /** The run's JSON, kept for its figures (time and bytes per hop). */
  private static final Path RESULT = Path.of("target", "round-trip-dev-server.json");

  @TempDir Path dataDir;

  private DetachedDev dev;

  @BeforeAll
  static void temporalCliIsThere() {
    TemporalDevServer.cli();
  }

  @BeforeEach
  void startDev() throws Exception {
    dev = DetachedDev.start(dataDir, "--disk-size", "8MiB");
  }

  @AfterEach
  void stopDev() throws Exception {
    dev.stop();
  }

  @Test
  void theRoundTripRunsOnTheDevServersWorkerWithEqualChecksumsAndNoLeak() throws Exception {
    PackagedCli.Result run =
        PackagedCli.run(
            Map.of("REPROTECT_AZURE_TOKEN", dev.azureToken()),
            "demo",
            "--round-trip",
            "--json",
            "--vm",
            VM,
            "--disk-size",
            "8MiB",
            "--address",
            dev.address(),
            "--azure-url",
            dev.azureUrl());

    assertThat(run.exit()).as(run.stdout() + run.stderr()).isZero();
    Files.writeString(RESULT, run.stdout());
    JsonNode result = new ObjectMapper().readTree(run.stdout());
    RoundTripDemoTest.assertRoundTripSucceeded(result, "southeastasia", "eastasia");
    assertThat(result.get("inventoryAfter").toString())
        .as("the dev world's own VM is there too")
        .contains("virtualMachine rg-web-01-southeastasia/web-01");
    everyHopIsACompletedWorkflowOfTheServer(result.get("hops"));
  }

  /**
   * The server lists, by the VM's search attribute, exactly one closed run per hop of each workflow
   * id (a reprotect's id is its item's, so its two runs share it), each completed and its history
   * ending so.
   */
  private void everyHopIsACompletedWorkflowOfTheServer(JsonNode hops) {
    List<String> hopIds = new ArrayList<>();
    hops.forEach(hop -> hopIds.add(hop.get("workflowId").asText()));
    WorkflowServiceStubs service =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(dev.address()).build());
    try {
      WorkflowClient client =
          WorkflowClient.newInstance(
              service, WorkflowClientOptions.newBuilder().setNamespace("default").build());
      List<WorkflowExecutionMetadata> runs = new ArrayList<>();
      Await.until(
          "the server lists a closed run per hop",
          () -> {
            runs.clear();
            client
                .listExecutions("VmName = '" + VM + "'")
                .filter(execution -> hopIds.contains(execution.getExecution().getWorkflowId()))
                .forEach(runs::add);
            return runs.size() >= hopIds.size()
                && runs.stream()
                    .noneMatch(
                        execution ->
                            execution.getStatus()
                                == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
          });
      assertThat(runs)
          .extracting(execution -> execution.getExecution().getWorkflowId())
          .containsExactlyInAnyOrderElementsOf(hopIds);
      assertThat(runs)
          .allSatisfy(
              execution -> {
                assertThat(execution.getStatus())
                    .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED);
                List<HistoryEvent> events =
                    client
                        .fetchHistory(
                            execution.getExecution().getWorkflowId(),
                            execution.getExecution().getRunId())
                        .getEvents();
                assertThat(events.get(events.size() - 1).getEventType())
                    .isEqualTo(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED);
              });
    } finally {
      service.shutdown();
    }
  }
}
