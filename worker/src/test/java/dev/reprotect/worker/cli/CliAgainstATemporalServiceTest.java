package dev.reprotect.worker.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reprotect.azure.ProtectionState;
import dev.reprotect.azure.sim.Scenario;
import dev.reprotect.azure.sim.SimulatedAzure;
import dev.reprotect.worker.ReprotectWorker;
import dev.reprotect.worker.SearchAttributeSetup;
import dev.reprotect.workflows.ReprotectSearchAttributes;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowFailedException;
import io.temporal.common.SearchAttributeKey;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.testserver.TestServer;
import io.temporal.worker.WorkerFactory;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI's client commands against a Temporal service on a port, with a worker of its own, as a
 * user runs them: the CLI reaches the world only through Temporal. The service is Temporal's
 * Java test server bound to a port (the dev server with its Web UI is another issue's).
 */
class CliAgainstATemporalServiceTest {
  private static final String NAMESPACE = "default";

  private TestServer.PortBoundTestServer server;
  private WorkflowServiceStubs service;
  private WorkerFactory worker;
  private SimulatedAzure azure;
  private String address;
  private Scenario scenario;

  @BeforeEach
  void startServiceAndWorker() throws IOException {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    server = TestServer.createPortBoundServer(port);
    address = "localhost:" + port;
    service = WorkflowServiceStubs.newServiceStubs(
        WorkflowServiceStubsOptions.newBuilder().setTarget(address).build());
    assertThat(SearchAttributeSetup.registerMissing(service, NAMESPACE))
        .containsExactlyInAnyOrderElementsOf(
            ReprotectSearchAttributes.ALL.stream().map(SearchAttributeKey::getName).toList());
    startWorker(Scenario.builder().diskSizeBytes(16L << 20).dataDisks(1).build());
  }

  private void startWorker(Scenario world) {
    scenario = world;
    azure = SimulatedAzure.seeded(scenario, SimulatedAzure.DEFAULT_BLOCK_SIZE);
    worker = ReprotectWorker.start(WorkflowClient.newInstance(service,
        WorkflowClientOptions.newBuilder().setNamespace(NAMESPACE).build()), azure);
  }

  private void restartWith(Scenario world) {
    worker.shutdownNow();
    worker.awaitTermination(1, TimeUnit.MINUTES);
    azure.close();
    startWorker(world);
  }

  @AfterEach
  void stopAll() {
    worker.shutdownNow();
    service.shutdownNow();
    server.close();
    azure.close();
  }

  private CliRun cli(String command, String... args) {
    List<String> full = new ArrayList<>(List.of(command));
    full.addAll(List.of(args));
    full.addAll(List.of("--vault", scenario.vault(), "--address", address,
        "--namespace", NAMESPACE, "--json"));
    return CliRun.of(full.toArray(String[]::new));
  }

  @Test
  void planThenStartThenStatusWalkAReprotectThroughTemporal() {
    String before = azure.exportState();
    CliRun plan = cli("plan", scenario.vm());
    assertThat(plan.exitCode()).as(plan.stderr()).isZero();
    JsonNode planned = plan.json();
    assertThat(planned.get("sourceRegion").asText()).isEqualTo(scenario.sourceRegion());
    assertThat(planned.get("cacheStorageAccount").get("exists").asBoolean()).isFalse();
    assertThat(planned.get("disks")).hasSize(2);
    assertThat(azure.exportState()).as("the review changes nothing").isEqualTo(before);

    CliRun start = cli("start", scenario.vm(), "--wait");
    assertThat(start.exitCode()).as(start.stdout() + start.stderr()).isZero();
    assertThat(start.json().get("state").asText()).isEqualTo("Protected");
    assertThat(start.json().get("artefacts").get(0).get("name").asText())
        .isEqualTo(planned.get("cacheStorageAccount").get("name").asText());

    CliRun status = cli("status", scenario.vm());
    assertThat(status.exitCode()).isZero();
    assertThat(status.json().get("status").asText()).isEqualTo("COMPLETED");
    assertThat(status.json().get("summary").get("state").asText()).isEqualTo("Protected");
    assertThat(azure.recoveryServices().replicatedItem(scenario.vault(), scenario.vm())
        .orElseThrow().state()).isEqualTo(ProtectionState.Protected);
  }

  @Test
  void aRefusedJobShowsItsCodeInStartAndInStatus() {
    cli("start", scenario.vm(), "--wait");

    CliRun again = cli("start", scenario.vm(), "--wait");
    assertThat(again.exitCode()).isEqualTo(1);
    assertThat(again.json().get("error").get("code").asText()).isEqualTo("AlreadyProtected");

    CliRun status = cli("status", scenario.vm());
    assertThat(status.exitCode()).isEqualTo(1);
    assertThat(status.json().get("status").asText()).isEqualTo("FAILED");
    assertThat(status.json().get("error").get("code").asText()).isEqualTo("AlreadyProtected");
    assertThat(status.json().get("job").get("state").asText()).isEqualTo("Failed");
  }

  @Test
  void aRunningJobShowsItsStepAndSyncProgressAndCanBeCancelled() throws Exception {
    restartWith(Scenario.builder().diskSizeBytes(1L << 30).dataDisks(0).build());
    CountDownLatch secondRangeReached = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    // The first range is synced and heartbeated; the sync then waits at its second range.
    azure.faults().onCall("transferBlocks", 2, () -> {
      secondRangeReached.countDown();
      await(release);
    });
    assertThat(cli("start", scenario.vm()).exitCode()).isZero();
    await(secondRangeReached);

    JsonNode running = cli("status", scenario.vm()).json();
    assertThat(running.get("status").asText()).isEqualTo("RUNNING");
    assertThat(running.get("job").get("state").asText()).isEqualTo("InProgress");
    assertThat(running.get("job").get("steps").get(5).get("state").asText())
        .isEqualTo("InProgress");
    JsonNode progress = running.get("sync").get(0).get("progress");
    assertThat(progress.get("nextBlock").asLong()).isPositive()
        .isLessThan(progress.get("totalBlocks").asLong());

    assertThat(cli("cancel", scenario.vm()).exitCode()).isZero();
    release.countDown();
    String workflowId = running.get("workflowId").asText();
    assertThatThrownBy(() -> WorkflowClient.newInstance(service).newUntypedWorkflowStub(workflowId)
        .getResult(Object.class)).isInstanceOf(WorkflowFailedException.class);

    JsonNode ended = cli("status", scenario.vm()).json();
    assertThat(ended.get("status").asText()).isEqualTo("CANCELED");
    assertThat(ended.get("error").get("code").asText()).isEqualTo("Cancelled");
    assertThat(azure.recoveryServices().replicatedItem(scenario.vault(), scenario.vm())
        .orElseThrow().state()).isEqualTo(ProtectionState.ReprotectFailed);
  }

  private static void await(CountDownLatch latch) {
    try {
      assertThat(latch.await(1, TimeUnit.MINUTES)).as("reached in time").isTrue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Test
  void aFinishedJobsHistoryReplaysFromTheServerAndFromAFileButNotOnceTampered(
      @TempDir Path dir) throws IOException {
    assertThat(cli("start", scenario.vm(), "--wait").exitCode()).isZero();
    String workflowId = "reprotect." + scenario.vault() + "." + scenario.vm();

    CliRun fromServer = CliRun.of("replay", "--workflow-id", workflowId, "--address", address,
        "--json");
    assertThat(fromServer.exitCode()).as(fromServer.stdout()).isZero();
    assertThat(fromServer.json().get("deterministic").asBoolean()).isTrue();

    Path file = dir.resolve("history.json");
    Files.writeString(file, WorkflowClient.newInstance(service).fetchHistory(workflowId).toJson(true));
    assertThat(CliRun.of("replay", file.toString()).exitCode()).isZero();

    Path tampered = dir.resolve("tampered.json");
    Files.writeString(tampered, Files.readString(file).replace("\"ClaimItem\"", "\"DeleteTargetVm\""));
    CliRun broken = CliRun.of("replay", tampered.toString(), "--json");
    assertThat(broken.exitCode()).isEqualTo(1);
    assertThat(broken.json().get("deterministic").asBoolean()).isFalse();
    assertThat(broken.json().get("error").asText()).contains("ClaimItem", "DeleteTargetVm");
  }

  @Test
  void listingSaysClearlyThatThisServiceCannotList() {
    CliRun list = CliRun.of("list", "--vm", scenario.vm(), "--address", address, "--json");

    assertThat(list.exitCode()).isEqualTo(1);
    assertThat(list.json().get("error").get("code").asText()).isEqualTo("ListingNotSupported");
  }

  @Test
  void theStatusOfAnUnknownJobSaysSo() {
    CliRun status = cli("status", "no-such-vm");

    assertThat(status.exitCode()).isEqualTo(1);
    assertThat(status.json().get("error").get("code").asText()).isEqualTo("JobNotFound");
  }
}
