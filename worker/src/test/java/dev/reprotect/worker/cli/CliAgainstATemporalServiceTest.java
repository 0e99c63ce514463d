package dev.reprotect.worker.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reprotect.activities.ReprotectRequest;
import dev.reprotect.azure.Caller;
import dev.reprotect.azure.ProtectionState;
import dev.reprotect.azure.RecoveryPoint;
import dev.reprotect.azure.ReplicatedItem;
import dev.reprotect.azure.RunningOperation;
import dev.reprotect.azure.sim.Scenario;
import dev.reprotect.azure.sim.ScenarioSeeder;
import dev.reprotect.azure.sim.SimulatedAzure;
import dev.reprotect.worker.Await;
import dev.reprotect.worker.ReprotectWorker;
import dev.reprotect.worker.SearchAttributeSetup;
import dev.reprotect.worker.client.JobsClient;
import dev.reprotect.worker.demo.BackendInventory;
import dev.reprotect.workflows.SearchAttributeDefinitions;
import dev.reprotect.workflows.WorkflowIds;
import dev.reprotect.workflows.replication.ReplicationWorkflow;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.PendingActivityState;
import io.temporal.api.workflow.v1.PendingActivityInfo;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowFailedException;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.testserver.TestServer;
import io.temporal.worker.WorkerFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI's client commands against a Temporal service on a port, with a worker of its own, as a
 * user runs them: the CLI reaches the world only through Temporal. The service is Temporal's Java
 * test server bound to a port (the dev server with its Web UI is another issue's).
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
    service =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(address).build());
    assertThat(SearchAttributeSetup.registerMissing(service, NAMESPACE))
        .containsExactlyInAnyOrderElementsOf(SearchAttributeDefinitions.all().keySet());
    startWorker(Scenario.builder().diskSizeBytes(16L << 20).dataDisks(1).build());
  }

  private void startWorker(Scenario world) {
    scenario = world;
    azure = SimulatedAzure.seeded(scenario, SimulatedAzure.DEFAULT_BLOCK_SIZE);
    worker =
        ReprotectWorker.start(
            WorkflowClient.newInstance(
                service, WorkflowClientOptions.newBuilder().setNamespace(NAMESPACE).build()),
            azure);
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
    return run(true, command, args);
  }

  /** The same, for people: without --json. */
  private CliRun human(String command, String... args) {
    return run(false, command, args);
  }

  private CliRun run(boolean json, String command, String... args) {
    List<String> full = new ArrayList<>(List.of(command));
    full.addAll(List.of(args));
    full.addAll(
        List.of("--vault", scenario.vault(), "--address", address, "--namespace", NAMESPACE));
    if (json) {
      full.add("--json");
    }
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
    assertThat(planned.get("disks"))
        .as("no failover's lineage in the seeded world: as the summary and the text spell it")
        .allSatisfy(disk -> assertThat(disk.at("/sync/kind").asText()).isEqualTo("full-compare"));
    String digest = planned.get("digest").asText();
    assertThat(digest).hasSize(64);
    assertThat(human("plan", scenario.vm()).stdout())
        .contains("Plan digest " + digest)
        .contains("--plan " + digest.substring(0, 12));
    assertThat(azure.exportState()).as("the review changes nothing").isEqualTo(before);

    CliRun start = cli("start", scenario.vm(), "--plan", digest.substring(0, 12), "--wait");
    assertThat(start.exitCode()).as(start.stdout() + start.stderr()).isZero();
    assertThat(start.json().get("state").asText()).isEqualTo("Protected");
    assertThat(start.json().get("planDigest").asText()).isEqualTo(digest);
    assertThat(start.json().get("artefacts").get(0).get("name").asText())
        .isEqualTo(planned.get("cacheStorageAccount").get("name").asText());

    CliRun status = cli("status", scenario.vm());
    assertThat(status.exitCode()).isZero();
    assertThat(status.json().get("status").asText()).isEqualTo("COMPLETED");
    assertThat(status.json().get("summary").get("state").asText()).isEqualTo("Protected");
    assertThat(human("status", scenario.vm()).stdout()).contains("Plan " + digest);
    assertThat(
            azure
                .recoveryServices()
                .replicatedItem(scenario.vault(), scenario.vm())
                .orElseThrow()
                .state())
        .isEqualTo(ProtectionState.Protected);
  }

  @Test
  void failoverCommitAndReprotectWalkTheItemRoundThroughTemporal() {
    assertThat(cli("start", scenario.vm(), "--wait").exitCode()).isZero();
    CliRun refused = cli("commit", scenario.vm(), "--wait");
    assertThat(refused.exitCode()).isEqualTo(1);
    assertThat(refused.json().get("error").get("code").asText()).isEqualTo("NotFailedOver");

    CliRun failover =
        human(
            "failover",
            scenario.vm(),
            "--point",
            "latest-processed",
            "--shutdown-source",
            "--wait");
    assertThat(failover.exitCode()).as(failover.stdout() + failover.stderr()).isZero();
    assertThat(failover.stdout())
        .contains("ok   Turn off the source VM")
        .contains("ok   Boot the VM")
        .contains(": equal");
    CliRun status = cli("status", scenario.vm(), "--failover");
    assertThat(status.exitCode()).isZero();
    assertThat(status.json().get("summary").get("state").asText()).isEqualTo("FailedOver");
    assertThat(status.json().get("summary").get("activeRegion").asText())
        .isEqualTo(scenario.targetRegion());
    assertThat(status.json().get("summary").get("sourceShutdown").asText()).isEqualTo("TurnedOff");

    CliRun commit = cli("commit", scenario.vm(), "--wait");
    assertThat(commit.exitCode()).as(commit.stdout()).isZero();
    assertThat(commit.json().get("state").asText()).isEqualTo("FailoverCommitted");
    List<String> listed = new ArrayList<>();
    cli("recovery-points", scenario.vm())
        .json()
        .get("points")
        .forEach(point -> listed.add(point.get("id").asText()));
    assertThat(listed)
        .as("what the vault kept after the commit")
        .containsExactlyInAnyOrderElementsOf(
            azure.recoveryServices().recoveryPoints(scenario.vault(), scenario.vm()).stream()
                .map(RecoveryPoint::id)
                .toList());

    JsonNode planned = cli("plan", scenario.vm()).json();
    assertThat(planned.get("disks"))
        .as("the failover's lineage holds: the spelling of the summary and of the text")
        .allSatisfy(disk -> assertThat(disk.at("/sync/kind").asText()).isEqualTo("changed-blocks"));
    assertThat(cli("plan", scenario.vm(), "--full-compare").json().get("disks"))
        .allSatisfy(disk -> assertThat(disk.at("/sync/kind").asText()).isEqualTo("full-compare"));

    CliRun back = cli("start", scenario.vm(), "--wait");
    assertThat(back.exitCode()).as(back.stdout() + back.stderr()).isZero();
    assertThat(back.json().get("disks"))
        .allSatisfy(disk -> assertThat(disk.get("syncKind").asText()).isEqualTo("changed-blocks"));
    assertThat(back.json().get("sourceRegion").asText()).isEqualTo(scenario.targetRegion());
    assertThat(back.json().get("targetRegion").asText()).isEqualTo(scenario.sourceRegion());
    assertThat(
            azure
                .recoveryServices()
                .replicatedItem(scenario.vault(), scenario.vm())
                .orElseThrow()
                .state())
        .isEqualTo(ProtectionState.Protected);
  }

  @Test
  void enableProtectsAnUnprotectedVmWithTheStepsOfStartAndStatusShowsItsJob() {
    restartWith(Scenario.builder().diskSizeBytes(16L << 20).dataDisks(1).unprotected(true).build());

    CliRun enable = human("enable", scenario.vm(), "--wait");

    assertThat(enable.exitCode()).as(enable.stdout() + enable.stderr()).isZero();
    assertThat(enable.stdout())
        .contains("Started enable." + scenario.vault() + ".")
        .contains("ok   ")
        .contains("Protected");
    CliRun status = cli("status", scenario.vm(), "--enable");
    assertThat(status.exitCode()).as(status.stdout()).isZero();
    assertThat(status.json().get("summary").get("state").asText()).isEqualTo("Protected");
    assertThat(
            azure
                .recoveryServices()
                .replicatedItem(scenario.vault(), scenario.vm())
                .orElseThrow()
                .state())
        .isEqualTo(ProtectionState.Protected);

    CliRun again = cli("enable", scenario.vm(), "--wait");
    assertThat(again.exitCode()).isEqualTo(1);
    assertThat(again.json().get("error").get("code").asText()).isEqualTo("AlreadyEnabled");
  }

  /**
   * A VM enabled, then disabled with --json: the backend's inventory is the one before the enable;
   * status --disable shows the job's summary; a second disable is ItemNotFound.
   */
  @Test
  void disableRemovesTheProtectionAndLeavesTheInventoryOfBeforeTheEnable() {
    restartWith(Scenario.builder().diskSizeBytes(16L << 20).dataDisks(1).unprotected(true).build());
    String group =
        azure
            .compute()
            .virtualMachinesNamed(scenario.sourceRegion(), scenario.vm())
            .get(0)
            .resourceGroup();
    List<String> beforeEnable = BackendInventory.of(azure, group, scenario.vm());
    assertThat(cli("enable", scenario.vm(), "--wait").exitCode()).isZero();
    assertThat(BackendInventory.of(azure, group, scenario.vm())).isNotEqualTo(beforeEnable);

    CliRun disable = cli("disable", scenario.vm(), "--wait");

    assertThat(disable.exitCode()).as(disable.stdout() + disable.stderr()).isZero();
    assertThat(disable.json().get("recoveryPoints").asInt()).isPositive();
    assertThat(disable.json().get("resourcesKept")).isEmpty();
    assertThat(BackendInventory.of(azure, group, scenario.vm())).isEqualTo(beforeEnable);
    CliRun status = human("status", scenario.vm(), "--disable");
    assertThat(status.exitCode()).as(status.stdout()).isZero();
    assertThat(status.stdout()).contains(scenario.vm() + " is no longer protected");
    assertRefused(cli("disable", scenario.vm(), "--wait"), "ItemNotFound");
    assertThat(CliRun.of("disable", "--help").stdout())
        .contains("--wait", "--no-wait", "Never deleted", "FailoverNotCommitted", "DisableFailed");
  }

  @Test
  void aTestFailoverBootsACopyIsRefusedWhileLiveAndItsCleanupRemovesIt() {
    assertThat(cli("start", scenario.vm(), "--wait").exitCode()).isZero();

    CliRun drill = human("test-failover", scenario.vm(), "--wait");

    assertThat(drill.exitCode()).as(drill.stdout() + drill.stderr()).isZero();
    assertThat(drill.stdout())
        .contains("ok   Create the isolated network")
        .contains("ok   Boot the VM")
        .contains(": equal");
    CliRun status = cli("status", scenario.vm(), "--test-failover");
    assertThat(status.exitCode()).as(status.stdout()).isZero();
    assertThat(status.json().get("summary").get("state").asText()).isEqualTo("Protected");
    CliRun again = cli("test-failover", scenario.vm(), "--wait");
    assertThat(again.exitCode()).isEqualTo(1);
    assertThat(again.json().get("error").get("code").asText()).isEqualTo("TestFailoverInProgress");

    CliRun cleanup = cli("test-failover-cleanup", scenario.vm(), "--wait");
    assertThat(cleanup.exitCode()).as(cleanup.stdout() + cleanup.stderr()).isZero();
    assertThat(
            azure.compute().virtualMachinesNamed(scenario.targetRegion(), scenario.vm() + "-test"))
        .isEmpty();
    assertThat(
            azure
                .recoveryServices()
                .replicatedItem(scenario.vault(), scenario.vm())
                .orElseThrow()
                .state())
        .isEqualTo(ProtectionState.Protected);
  }

  @Test
  void aChangeOfPointTakesNeitherAPointNorAShutdown() {
    CliRun run = cli("failover", scenario.vm(), "--change-point", "p1", "--shutdown-source");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.stderr()).contains("--change-point takes neither");
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
  void aStartWithAReviewedPlanThatChangedIsRefusedWithPlanChangedAndChangesNothing() {
    String digest = cli("plan", scenario.vm()).json().get("digest").asText();
    // After the review, the target VM is turned off: the job would run another plan.
    azure
        .compute()
        .powerOff(
            Caller.of("operator"),
            ScenarioSeeder.resourceGroupName(scenario.vm(), scenario.targetRegion()),
            scenario.vm());
    String before = azure.exportState();

    CliRun start = cli("start", scenario.vm(), "--plan", digest, "--wait");

    assertThat(start.exitCode()).isEqualTo(1);
    assertThat(start.json().get("error").get("code").asText()).isEqualTo("PlanChanged");
    assertThat(azure.exportState()).as("the refusal changes nothing").isEqualTo(before);
    CliRun status = cli("status", scenario.vm());
    assertThat(status.json().get("error").get("code").asText()).isEqualTo("PlanChanged");
  }

  @Test
  void aMalformedPlanDigestIsAUsageErrorAndStartsNothing() {
    CliRun start = cli("start", scenario.vm(), "--plan", "abc123");

    assertThat(start.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(start.stderr()).contains("'abc123' is not a plan digest");
    assertThat(cli("status", scenario.vm()).json().get("error").get("code").asText())
        .as("no job started")
        .isEqualTo("JobNotFound");
  }

  @Test
  void aRunningJobShowsItsStepAndSyncProgressAndCanBeCancelled() throws Exception {
    restartWith(Scenario.builder().diskSizeBytes(1L << 30).dataDisks(0).build());
    CountDownLatch secondRangeReached = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    // The first range is synced and heartbeated; the sync then waits at its second range.
    azure
        .faults()
        .onCall(
            "transferBlocks",
            2,
            () -> {
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
    String digest = running.get("job").get("planDigest").asText();
    assertThat(running.get("job").get("plan").get("vm").asText()).isEqualTo(scenario.vm());
    assertThat(human("status", scenario.vm()).stdout())
        .contains("Plan " + digest.substring(0, 12) + ": " + scenario.sourceRegion());
    JsonNode progress = running.get("sync").get(0).get("progress");
    assertThat(progress.get("nextBlock").asLong())
        .isPositive()
        .isLessThan(progress.get("totalBlocks").asLong());

    assertThat(cli("cancel", scenario.vm()).exitCode()).isZero();
    release.countDown();
    String workflowId = running.get("workflowId").asText();
    assertThatThrownBy(
            () ->
                WorkflowClient.newInstance(service)
                    .newUntypedWorkflowStub(workflowId)
                    .getResult(Object.class))
        .isInstanceOf(WorkflowFailedException.class);

    JsonNode ended = cli("status", scenario.vm()).json();
    assertThat(ended.get("status").asText()).isEqualTo("CANCELED");
    assertThat(ended.get("error").get("code").asText()).isEqualTo("Cancelled");
    assertThat(
            azure
                .recoveryServices()
                .replicatedItem(scenario.vault(), scenario.vm())
                .orElseThrow()
                .state())
        .isEqualTo(ProtectionState.ReprotectFailed);
  }

  /**
   * cancel --failover reaches the failover's workflow, not the reprotect's: the failover, held in
   * its disk copy, stops once the copy ended and, with no VM made, leaves the item Protected. One
   * disk, and the copy is held until the service recorded its cancellation: the test server hangs
   * on a cancellation that lands in the workflow task in which the activity completed
   * (sdk-java#2391).
   */
  @Test
  void cancelFailoverCancelsTheRunningFailoverAndLeavesTheItemProtectedAgain() {
    restartWith(Scenario.builder().diskSizeBytes(16L << 20).dataDisks(0).build());
    assertThat(cli("start", scenario.vm(), "--wait").exitCode()).isZero();
    String failoverId = WorkflowIds.failover(scenario.vault(), scenario.vm());
    CountDownLatch copyReached = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    azure
        .faults()
        .onCall(
            "copyBlob",
            azure.faults().callCount("copyBlob") + 1,
            () -> {
              copyReached.countDown();
              await(release);
            });
    assertThat(cli("failover", scenario.vm(), "--point", "latest-processed").exitCode()).isZero();
    await(copyReached);

    CliRun cancel = cli("cancel", scenario.vm(), "--failover");

    assertThat(cancel.exitCode()).as(cancel.stdout() + cancel.stderr()).isZero();
    assertThat(cancel.json().get("workflowId").asText()).isEqualTo(failoverId);
    Await.until(
        "the copy's cancellation is recorded",
        () ->
            pendingActivityStates(failoverId)
                .contains(PendingActivityState.PENDING_ACTIVITY_STATE_CANCEL_REQUESTED));
    release.countDown();
    assertThatThrownBy(
            () ->
                WorkflowClient.newInstance(service)
                    .newUntypedWorkflowStub(failoverId)
                    .getResult(Object.class))
        .isInstanceOf(WorkflowFailedException.class);
    JsonNode ended = cli("status", scenario.vm(), "--failover").json();
    assertThat(ended.get("status").asText()).isEqualTo("CANCELED");
    assertThat(ended.get("error").get("code").asText()).isEqualTo("Cancelled");
    assertThat(
            azure
                .recoveryServices()
                .replicatedItem(scenario.vault(), scenario.vm())
                .orElseThrow()
                .state())
        .isEqualTo(ProtectionState.Protected);
    assertThat(cli("status", scenario.vm()).json().get("status").asText())
        .as("the reprotect's job is left as it ended")
        .isEqualTo("COMPLETED");
  }

  @Test
  void cancelTakesOneJobTypeAtMost() {
    CliRun run = cli("cancel", scenario.vm(), "--failover", "--enable");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.stderr()).contains("mutually exclusive");
  }

  private Set<PendingActivityState> pendingActivityStates(String workflowId) {
    return service
        .blockingStub()
        .describeWorkflowExecution(
            DescribeWorkflowExecutionRequest.newBuilder()
                .setNamespace(NAMESPACE)
                .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId))
                .build())
        .getPendingActivitiesList()
        .stream()
        .map(PendingActivityInfo::getState)
        .collect(Collectors.toSet());
  }

  /**
   * A job holds the item while it runs; once its run is terminated its claim is stale, and release
   * --force clears it after a confirmation, through a workflow the backend logs.
   */
  @Test
  void releaseShowsAClaimRefusesOneHeldByARunningJobAndClearsAStaleOne() {
    CountDownLatch turningOff = new CountDownLatch(1);
    CountDownLatch resume = new CountDownLatch(1);
    azure
        .faults()
        .onCall(
            "powerOff",
            1,
            () -> {
              turningOff.countDown();
              await(resume);
            });
    assertThat(cli("start", scenario.vm()).exitCode()).isZero();
    await(turningOff);
    String workflowId = WorkflowIds.reprotect(scenario.vault(), scenario.vm());

    CliRun shown = cli("release", scenario.vm());
    assertThat(shown.exitCode()).as(shown.stdout() + shown.stderr()).isZero();
    assertThat(shown.json().get("claim").get("id").asText()).isEqualTo(workflowId);
    assertThat(shown.json().get("runStatus").asText()).isEqualTo("RUNNING");
    assertThat(shown.json().get("released").asBoolean()).isFalse();
    CliRun held = cli("release", scenario.vm(), "--force", "--yes");
    assertThat(held.exitCode()).isEqualTo(1);
    assertThat(held.json().get("error").get("code").asText())
        .isEqualTo("ClaimHeldByRunningWorkflow");

    WorkflowClient.newInstance(service).newUntypedWorkflowStub(workflowId).terminate("lost");
    resume.countDown();
    String runId = shown.json().get("claim").get("runId").asText();
    assertThat(claim().runId()).isEqualTo(runId);
    CliRun declined = withInput("n\n", () -> human("release", scenario.vm(), "--force"));
    assertThat(declined.exitCode()).isEqualTo(1);
    assertThat(declined.stderr()).contains("[y/N]", "NotConfirmed");
    assertThat(claim().runId()).as("a declined release changes nothing").isEqualTo(runId);

    CliRun released = withInput("y\n", () -> cli("release", scenario.vm(), "--force"));
    assertThat(released.exitCode()).as(released.stdout() + released.stderr()).isZero();
    assertThat(released.json().get("runStatus").asText()).isEqualTo("TERMINATED");
    assertThat(released.json().get("released").asBoolean()).isTrue();
    ReplicatedItem item =
        azure.recoveryServices().replicatedItem(scenario.vault(), scenario.vm()).orElseThrow();
    assertThat(item.runningOperation()).isNull();
    assertThat(item.state()).isEqualTo(ProtectionState.ReprotectFailed);
    assertThat(azure.metering().activityLog())
        .filteredOn(entry -> entry.operation().endsWith("releaseStale/action"))
        .singleElement()
        .satisfies(
            entry ->
                assertThat(entry.correlationId())
                    .startsWith(WorkflowIds.release(scenario.vault(), scenario.vm()) + "/"));

    CliRun nothing = cli("release", scenario.vm());
    assertThat(nothing.exitCode()).isEqualTo(1);
    assertThat(nothing.json().get("error").get("code").asText()).isEqualTo("ItemNotClaimed");
  }

  private RunningOperation claim() {
    return azure
        .recoveryServices()
        .replicatedItem(scenario.vault(), scenario.vm())
        .orElseThrow()
        .runningOperation();
  }

  /** Runs the CLI with {@code input} as its standard input, as a person answering a prompt. */
  private static CliRun withInput(String input, Supplier<CliRun> command) {
    InputStream saved = System.in;
    try {
      System.setIn(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
      return command.get();
    } finally {
      System.setIn(saved);
    }
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
  void aFinishedJobsHistoryReplaysFromTheServerAndFromAFileButNotOnceTampered(@TempDir Path dir)
      throws IOException {
    assertThat(cli("start", scenario.vm(), "--wait").exitCode()).isZero();
    String workflowId = "reprotect." + scenario.vault() + "." + scenario.vm();

    CliRun fromServer =
        CliRun.of("replay", "--workflow-id", workflowId, "--address", address, "--json");
    assertThat(fromServer.exitCode()).as(fromServer.stdout()).isZero();
    assertThat(fromServer.json().get("deterministic").asBoolean()).isTrue();

    Path file = dir.resolve("history.json");
    Files.writeString(
        file, WorkflowClient.newInstance(service).fetchHistory(workflowId).toJson(true));
    assertThat(CliRun.of("replay", file.toString()).exitCode()).isZero();

    Path tampered = dir.resolve("tampered.json");
    Files.writeString(
        tampered, Files.readString(file).replace("\"ClaimItem\"", "\"DeleteTargetVm\""));
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
  void replicationAndRecoveryPointsShowTheCyclesThenStopEndsThem() {
    ReplicationWorkflow workflow = protectedWithCyclesEverySecond();
    Await.until("two cycles ended", () -> workflow.status().recentCycles().size() >= 2);

    CliRun replication = cli("replication", scenario.vm());
    assertThat(replication.exitCode()).as(replication.stderr()).isZero();
    JsonNode running = replication.json();
    assertThat(running.get("status").asText()).isEqualTo("RUNNING");
    JsonNode status = running.get("replication");
    assertThat(status.get("state").asText()).isEqualTo("Running");
    assertThat(status.get("cyclesRun").asLong()).isGreaterThanOrEqualTo(2);
    assertThat(status.get("rpoSeconds").asLong()).isNotNegative();
    assertThat(status.get("health").asText()).isIn("Healthy", "Warning", "Critical");
    assertThat(status.get("lastCycle").get("pointId").asText()).isNotBlank();
    assertThat(status.get("recentCycles").size()).isGreaterThanOrEqualTo(2);
    assertThat(human("replication", scenario.vm()).stdout())
        .contains("replication." + scenario.vault() + "." + scenario.vm() + ": RUNNING")
        .contains(scenario.vm() + " of vault " + scenario.vault() + ": Running")
        .contains("Recent cycles");

    CliRun listed = cli("recovery-points", scenario.vm());
    assertThat(listed.exitCode()).as(listed.stderr()).isZero();
    JsonNode points = listed.json().get("points");
    assertThat(points.size()).isGreaterThanOrEqualTo(3);
    for (int i = 1; i < points.size(); i++) {
      assertThat(Instant.parse(points.get(i - 1).get("time").asText()))
          .as("newest first")
          .isAfterOrEqualTo(Instant.parse(points.get(i).get("time").asText()));
    }
    JsonNode first = points.get(points.size() - 1);
    assertThat(first.get("id").asText()).as("the reprotect's point, of cut 0").endsWith(".p0");
    assertThat(first.get("cutId").asText()).endsWith(".c0");
    assertThat(first.get("ageSeconds").asLong()).isNotNegative();
    assertThat(human("recovery-points", scenario.vm()).stdout())
        .contains("newest first")
        .contains(first.get("id").asText());

    CliRun stop = cli("replication", scenario.vm(), "--stop");
    assertThat(stop.exitCode()).as(stop.stderr()).isZero();
    assertThat(stop.json().get("status").asText()).isEqualTo("COMPLETED");
    assertThat(stop.json().get("replication").get("state").asText()).isEqualTo("Stopped");

    JsonNode ended = cli("replication", scenario.vm()).json();
    assertThat(ended.get("status").asText()).isEqualTo("COMPLETED");
    assertThat(ended.get("replication").get("cyclesRun").asLong())
        .isEqualTo(stop.json().get("replication").get("cyclesRun").asLong());
    assertThat(cli("recovery-points", scenario.vm()).json().get("points").size())
        .isEqualTo(stop.json().get("replication").get("points").size());

    CliRun again = cli("replication", scenario.vm(), "--stop");
    assertThat(again.exitCode()).isEqualTo(1);
    assertThat(again.json().get("error").get("code").asText()).isEqualTo("ReplicationNotRunning");
  }

  /** A worker outage is when an RPO matters most: it is read from the search attributes. */
  @Test
  void replicationWithNoWorkerShowsTheRpoOfTheNewestPointTheWorkflowPublished() {
    ReplicationWorkflow workflow = protectedWithCyclesEverySecond();
    Await.until("a cycle ended", () -> !workflow.status().recentCycles().isEmpty());
    worker.shutdownNow();
    worker.awaitTermination(1, TimeUnit.MINUTES);
    List<Instant> pointTimes =
        azure.recoveryServices().recoveryPoints(scenario.vault(), scenario.vm()).stream()
            .map(point -> point.time())
            .sorted()
            .toList();

    CliRun first = cli("replication", scenario.vm());
    CliRun second = cli("replication", scenario.vm());

    assertThat(first.exitCode()).as(first.stderr()).isZero();
    assertThat(first.json().get("status").asText()).isEqualTo("RUNNING");
    assertThat(first.json().get("replication").isNull()).as("no query answered").isTrue();
    JsonNode published = first.json().get("published");
    // The workflow dates a cycle's point to the second it began, the vault to its cut's instant.
    assertThat(Instant.parse(published.get("lastRecoveryPointTime").asText()))
        .as("the time of a point the vault holds")
        .isBetween(
            pointTimes.get(0).truncatedTo(ChronoUnit.SECONDS),
            pointTimes.get(pointTimes.size() - 1));
    assertThat(published.get("rpoSeconds").asLong()).isNotNegative();
    assertThat(published.get("note").asText()).contains("no worker answered");
    assertThat(second.json().get("published").get("rpoSeconds").asLong())
        .as("the RPO keeps counting with no worker")
        .isGreaterThanOrEqualTo(published.get("rpoSeconds").asLong());
    assertThat(human("replication", scenario.vm()).stdout())
        .contains(scenario.vm() + " of vault " + scenario.vault() + ": ")
        .contains("no worker answered");
  }

  /** The scenario's VM reprotected, its replication cycling every second; its workflow. */
  private ReplicationWorkflow protectedWithCyclesEverySecond() {
    WorkflowClient client = WorkflowClient.newInstance(service);
    JobsClient jobs = new JobsClient(client);
    jobs.await(
        jobs.start(
            ReprotectRequest.of(scenario.vault(), scenario.vm()).withReplicationCycleSeconds(1)));
    return client.newWorkflowStub(
        ReplicationWorkflow.class, WorkflowIds.replication(scenario.vault(), scenario.vm()));
  }

  @Test
  void replicationStartResumesAStoppedReplicationAndRefusesWithStableCodes() {
    String replicationId = WorkflowIds.replication(scenario.vault(), scenario.vm());
    assertRefused(cli("replication", scenario.vm(), "--start"), "NotProtected");
    assertRefused(cli("replication", "no-such-vm", "--start"), "ItemNotFound");
    assertThat(cli("replication", scenario.vm(), "--start", "--stop").exitCode())
        .isEqualTo(ExitCodes.USAGE);
    JobsClient jobs = new JobsClient(WorkflowClient.newInstance(service));
    jobs.await(jobs.start(ReprotectRequest.of(scenario.vault(), scenario.vm())));
    assertRefused(cli("replication", scenario.vm(), "--start"), "ReplicationRunning");
    assertThat(cli("replication", scenario.vm(), "--stop").exitCode()).isZero();

    CliRun started = cli("replication", scenario.vm(), "--start");

    assertThat(started.exitCode()).as(started.stderr()).isZero();
    assertThat(started.json().get("workflowId").asText()).isEqualTo(replicationId);
    assertThat(started.json().get("lastCutId").asText()).matches(".*\\.c\\d+");
    assertThat(cli("replication", scenario.vm()).json().get("status").asText())
        .isEqualTo("RUNNING");
    assertThat(human("replication", scenario.vm(), "--stop").exitCode()).isZero();
    assertThat(human("replication", scenario.vm(), "--start").stdout())
        .contains(replicationId + ": started")
        .contains("recovery points carried on");
  }

  /** The test server cannot list workflows: the pass restarts, and says what it skipped. */
  @Test
  void reconcileRestartsATerminatedReplicationOnAServiceThatCannotList() {
    WorkflowClient client = WorkflowClient.newInstance(service);
    JobsClient jobs = new JobsClient(client);
    jobs.await(jobs.start(ReprotectRequest.of(scenario.vault(), scenario.vm())));
    client
        .newUntypedWorkflowStub(WorkflowIds.replication(scenario.vault(), scenario.vm()))
        .terminate("lost");

    CliRun reconciled = CliRun.of("reconcile", "--address", address, "--namespace", NAMESPACE);

    assertThat(reconciled.exitCode()).as(reconciled.stderr()).isZero();
    assertThat(reconciled.stdout())
        .contains("1 items, 1 Protected with no operation running")
        .contains("this service cannot list workflows")
        .contains("Restarted " + scenario.vm() + " of vault " + scenario.vault());
    JsonNode again =
        CliRun.of("reconcile", "--address", address, "--namespace", NAMESPACE, "--json").json();
    assertThat(again.get("listedRunning").asBoolean()).isFalse();
    // The test server skips time while the replication waits for its next cycle: a week can
    // pass between the two passes and a scrub be due again, but the replication runs already.
    assertThat(again.get("actions").findValuesAsText("action"))
        .doesNotContain("Restarted", "RestartFailed", "Ended");
  }

  @Test
  void scrubComparesTheNewestPointFromTheBytesAndRefusesWhatItCannotScrubChangingNothing() {
    String before = azure.exportState();
    assertRefused(cli("scrub", scenario.vm()), "NoRecoveryPoint");
    assertRefused(cli("scrub", "no-such-vm"), "ItemNotFound");
    CliRun noVault =
        CliRun.of(
            "scrub",
            scenario.vm(),
            "--vault",
            "nosuchvault",
            "--address",
            address,
            "--namespace",
            NAMESPACE,
            "--json");
    assertRefused(noVault, "VaultNotFound");
    assertThat(azure.exportState()).as("a refused scrub changes nothing").isEqualTo(before);
    JobsClient jobs = new JobsClient(WorkflowClient.newInstance(service));
    jobs.await(jobs.start(ReprotectRequest.of(scenario.vault(), scenario.vm())));

    CliRun scrubbed = cli("scrub", scenario.vm());

    assertThat(scrubbed.exitCode()).as(scrubbed.stderr()).isZero();
    assertThat(scrubbed.json().get("outcome").asText()).isEqualTo("Passed");
    assertThat(scrubbed.json().get("disksDone")).hasSize(2);
    assertThat(scrubbed.json().get("disksDone").get(0).get("bytesCompared").asLong()).isPositive();
    assertThat(
            azure
                .recoveryServices()
                .replicatedItem(scenario.vault(), scenario.vm())
                .orElseThrow()
                .lastScrub()
                .pointId())
        .isEqualTo(scrubbed.json().get("pointId").asText());
    CliRun forPeople = human("scrub", scenario.vm());
    assertThat(forPeople.exitCode()).as(forPeople.stderr()).isZero();
    assertThat(forPeople.stdout())
        .contains("Started " + WorkflowIds.scrub(scenario.vault(), scenario.vm()))
        .contains(scenario.vm() + ": Passed, point ")
        .contains("compared");
    CliRun detached = cli("scrub", scenario.vm(), "--no-wait");
    assertThat(detached.exitCode()).isZero();
    assertThat(detached.json().get("workflowId").asText())
        .isEqualTo(WorkflowIds.scrub(scenario.vault(), scenario.vm()));
    assertThat(CliRun.of("scrub", "--help").stdout())
        .contains("--no-wait", "ReplicaMismatch", "NoRecoveryPoint", "VaultNotFound", "quarter");
  }

  private static void assertRefused(CliRun run, String code) {
    assertThat(run.exitCode()).as(run.stderr()).isEqualTo(ExitCodes.FAILED);
    assertThat(run.json().get("error").get("code").asText()).isEqualTo(code);
  }

  /**
   * --add-disk goes through the replication's update to the activity and the backend: a disk the VM
   * does not have is refused with its code, and the replication runs on.
   */
  @Test
  void addingADiskTheVmDoesNotHaveIsRefusedWithItsCode() {
    assertThat(cli("start", scenario.vm(), "--wait").exitCode()).isZero();

    CliRun refused = cli("replication", scenario.vm(), "--add-disk", "no-such-disk");

    assertThat(refused.exitCode())
        .as(refused.stdout() + refused.stderr())
        .isEqualTo(ExitCodes.FAILED);
    assertThat(refused.json().get("error").get("code").asText()).isEqualTo("DiskNotFound");
    assertThat(cli("replication", scenario.vm()).json().get("replication").get("state").asText())
        .isEqualTo("Running");
    assertThat(CliRun.of("replication", "--help").stdout())
        .contains("--add-disk", "DiskNotInBaseCut", "DiskSetChanged");
  }

  @Test
  void theReplicationOfAnUnknownVmSaysSo() {
    CliRun run = cli("replication", "no-such-vm");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.json().get("error").get("code").asText()).isEqualTo("ReplicationNotFound");
    CliRun forPeople = human("replication", "no-such-vm");
    assertThat(forPeople.exitCode()).isEqualTo(1);
    assertThat(forPeople.stderr())
        .contains(
            "error ReplicationNotFound: no replication workflow "
                + "replication."
                + scenario.vault()
                + ".no-such-vm");
  }

  @Test
  void theRecoveryPointsOfAnItemTheVaultDoesNotHaveSaySo() {
    CliRun run = cli("recovery-points", "no-such-vm");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.json().get("error").get("code").asText()).isEqualTo("ItemNotFound");
    assertThat(human("recovery-points", "no-such-vm").stderr())
        .contains(
            "error ItemNotFound: vault " + scenario.vault() + " has no replicated item no-such-vm");
  }

  @Test
  void theStatusOfAnUnknownJobSaysSo() {
    CliRun status = cli("status", "no-such-vm");

    assertThat(status.exitCode()).isEqualTo(1);
    assertThat(status.json().get("error").get("code").asText()).isEqualTo("JobNotFound");
  }
}
