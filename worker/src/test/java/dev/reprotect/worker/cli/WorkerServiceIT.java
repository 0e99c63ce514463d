package dev.reprotect.worker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reprotect.worker.Await;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.workflow.v1.PendingActivityInfo;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worker and the simulated Azure run as services are run: processes configured by their
 * environment alone (the Temporal CLI's variables, an API key among them), logging JSON, and
 * stopped by SIGTERM as a container runtime stops them on a redeploy.
 */
class WorkerServiceIT {
  private static final String JOB = "reprotect.contoso.web-01";
  private static final String API_KEY = "api-key-that-must-never-be-printed";

  @TempDir Path dir;

  private TemporalDevServer temporal;
  private WorkflowServiceStubs service;
  private SimProcess sim;
  private final List<PackagedCli.Running> processes = new ArrayList<>();

  @BeforeEach
  void startTemporalAndAzure() throws Exception {
    temporal = new TemporalDevServer(dir.resolve("temporal.db")).start();
    service =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(temporal.address()).build());
    sim = new SimProcess(dir.resolve("azure")).startConfiguredByEnvironment();
  }

  @AfterEach
  void stopAll() throws InterruptedException {
    processes.forEach(process -> process.process().destroyForcibly());
    sim.stop();
    service.shutdownNow();
    temporal.stop();
  }

  /** The environment of a container of the compose file, pointed at this test's services. */
  private Map<String, String> environment() {
    return Map.of(
        "TEMPORAL_ADDRESS",
        service.getOptions().getTarget(),
        "TEMPORAL_NAMESPACE",
        "default",
        "TEMPORAL_API_KEY",
        API_KEY,
        // The dev server speaks plaintext; the key still travels, as a header.
        "TEMPORAL_TLS",
        "false",
        "REPROTECT_AZURE_URL",
        sim.url(),
        "REPROTECT_AZURE_TOKEN",
        SimProcess.TOKEN,
        "REPROTECT_LOG_FORMAT",
        "json",
        "REPROTECT_LOG_LEVEL",
        "DEBUG",
        "REPROTECT_SHUTDOWN_TIMEOUT",
        "60");
  }

  private PackagedCli.Running startWorker() throws IOException {
    PackagedCli.Running worker = PackagedCli.start(environment(), "worker");
    processes.add(worker);
    return worker;
  }

  private PackagedCli.Result cli(String... args) throws Exception {
    PackagedCli.Running command = PackagedCli.start(environment(), args);
    processes.add(command);
    return command.await();
  }

  private List<PendingActivityInfo> pendingActivities() {
    return service
        .blockingStub()
        .describeWorkflowExecution(
            DescribeWorkflowExecutionRequest.newBuilder()
                .setNamespace("default")
                .setExecution(WorkflowExecution.newBuilder().setWorkflowId(JOB))
                .build())
        .getPendingActivitiesList();
  }

  private static List<JsonNode> jsonLines(String log) {
    ObjectMapper mapper = new ObjectMapper();
    return log.lines()
        .map(
            line -> {
              try {
                return mapper.readTree(line);
              } catch (IOException e) {
                throw new AssertionError("not a JSON log line: " + line, e);
              }
            })
        .toList();
  }

  @Test
  void sigtermHandsTheSyncBackAnotherWorkerFinishesItAndNoSecretIsEverPrinted() throws Exception {
    PackagedCli.Running first = startWorker();
    PackagedCli.Result started = cli("start", "web-01", "--vault", "contoso", "--json");
    assertThat(started.exit()).as(started.stderr()).isZero();
    Await.until("the sync has sent blocks", () -> sim.pageWrites(JOB) > 0);

    first.process().destroy();
    PackagedCli.Result stopped = first.await();

    assertThat(pendingActivities())
        .as(
            "the sync's attempt was failed by its worker, not "
                + "abandoned to its heartbeat timeout")
        .anySatisfy(
            activity ->
                assertThat(activity.getLastFailure().getApplicationFailureInfo().getType())
                    .isEqualTo("io.temporal.client.ActivityWorkerShutdownException"));
    assertThat(stopped.stdout())
        .contains(
            "Stopping: no new tasks",
            "Worker stopped: every task in flight ended or was handed back to Temporal.");
    List<JsonNode> log = jsonLines(stopped.stderr());
    assertThat(log)
        .anySatisfy(
            line -> {
              assertThat(line.get("formattedMessage").asText()).contains("handed back");
              assertThat(line.get("mdc").get("WorkflowId").asText()).isEqualTo(JOB);
              assertThat(line.get("mdc").get("ActivityType").asText()).isNotEmpty();
            });
    assertThat(log)
        .as("no activity failed, as one would on a backend closed under it")
        .noneSatisfy(line -> assertThat(line.get("formattedMessage").asText()).contains("failed"));

    PackagedCli.Running second = startWorker();
    sim.assertJobProtectsWithEqualDisksAndNothingAppliedTwice(temporal.client(), JOB);
    PackagedCli.Result status = cli("status", "web-01", "--vault", "contoso");
    assertThat(status.exit()).as(status.stderr()).isZero();
    second.process().destroy();
    PackagedCli.Result secondStopped = second.await();

    StringBuilder everything = new StringBuilder(sim.output());
    for (PackagedCli.Result result : List.of(started, stopped, status, secondStopped)) {
      everything.append(result.stdout()).append(result.stderr());
    }
    assertThat(everything)
        .contains("Worker on task queue", "Simulated Azure on")
        .doesNotContain(API_KEY)
        .doesNotContain(SimProcess.TOKEN);
  }
}
