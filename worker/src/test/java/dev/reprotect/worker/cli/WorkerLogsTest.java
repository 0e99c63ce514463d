package dev.reprotect.worker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.ContextInitializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reprotect.azure.sim.Scenario;
import dev.reprotect.azure.sim.SimulatedAzure;
import dev.reprotect.worker.Await;
import dev.reprotect.worker.ReprotectWorker;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.testserver.TestServer;
import io.temporal.worker.WorkerFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * The worker's logs as a service writes them: every line logged from a workflow or an activity
 * names its workflow id, run id (and activity type), in text and in JSON for log shippers.
 */
class WorkerLogsTest {
  private static final Scenario WORLD =
      Scenario.builder().diskSizeBytes(16L << 20).dataDisks(1).build();

  private TestServer.PortBoundTestServer server;
  private WorkflowServiceStubs service;
  private SimulatedAzure azure;
  private WorkerFactory worker;
  private String address;

  @BeforeEach
  void startServiceAndWorker() {
    int port = Await.freePort();
    server = TestServer.createPortBoundServer(port);
    address = "localhost:" + port;
    service =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(address).build());
    azure = SimulatedAzure.seeded(WORLD, SimulatedAzure.DEFAULT_BLOCK_SIZE);
    worker = ReprotectWorker.start(WorkflowClient.newInstance(service), azure);
  }

  @AfterEach
  void stopAllAndRestoreTheLogging() throws Exception {
    worker.shutdownNow();
    service.shutdownNow();
    server.close();
    azure.close();
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    context.reset();
    new ContextInitializer(context).autoConfig();
  }

  /** The worker's logs while the CLI plans a job: what it printed on stderr, line by line. */
  private List<String> workerLogsOfAPlan(String... logOptions) {
    LogOptions options = new LogOptions();
    new CommandLine(options).parseArgs(logOptions);
    options.apply();
    CliRun plan =
        CliRun.of("plan", WORLD.vm(), "--vault", WORLD.vault(), "--address", address, "--json");
    assertThat(plan.exitCode()).as(plan.stderr()).isZero();
    return plan.stderr().lines().toList();
  }

  private static JsonNode json(String line) {
    try {
      return new ObjectMapper().readTree(line);
    } catch (IOException e) {
      throw new UncheckedIOException("not a JSON line: " + line, e);
    }
  }

  @Test
  void everyJsonLineFromAWorkflowOrAnActivityCarriesItsIds() {
    List<JsonNode> lines =
        workerLogsOfAPlan("--log-format", "json").stream().map(WorkerLogsTest::json).toList();

    List<JsonNode> fromWorkflows =
        lines.stream()
            .filter(line -> line.path("threadName").asText().startsWith("workflow-method"))
            .toList();
    List<JsonNode> fromActivities =
        lines.stream()
            .filter(line -> line.path("threadName").asText().startsWith("Activity Executor"))
            .toList();
    assertThat(fromWorkflows)
        .extracting(line -> line.get("formattedMessage").asText())
        .contains("workflow started", "workflow completed");
    assertThat(fromActivities)
        .extracting(line -> line.get("formattedMessage").asText())
        .anyMatch(message -> message.matches("activity attempt 1 completed in \\d+ ms"));
    assertThat(fromWorkflows)
        .allSatisfy(
            line -> {
              assertThat(line.path("mdc").path("WorkflowId").asText()).startsWith("plan.");
              assertThat(line.path("mdc").path("RunId").asText()).isNotEmpty();
            });
    assertThat(fromActivities)
        .allSatisfy(
            line -> {
              assertThat(line.path("mdc").path("WorkflowId").asText()).startsWith("plan.");
              assertThat(line.path("mdc").path("RunId").asText()).isNotEmpty();
              assertThat(line.path("mdc").path("ActivityType").asText()).isNotEmpty();
            });
  }

  @Test
  void everyTextLineFromAnActivityNamesItsWorkflowRunAndActivityType() {
    List<String> lines = workerLogsOfAPlan("--log-format", "text");

    assertThat(lines)
        .filteredOn(line -> line.contains("activity attempt"))
        .isNotEmpty()
        .allSatisfy(
            line ->
                assertThat(line)
                    .containsPattern(
                        "workflowId=plan\\.\\S+ runId=\\S+ activityType=\\S+ activity "));
    assertThat(lines)
        .filteredOn(line -> line.contains("workflow started"))
        .isNotEmpty()
        .allSatisfy(
            line ->
                assertThat(line)
                    .containsPattern("workflowId=plan\\.\\S+ runId=\\S+ workflow started")
                    .doesNotContain("activityType="));
  }
}
