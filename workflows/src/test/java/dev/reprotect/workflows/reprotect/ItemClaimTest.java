package dev.reprotect.workflows.reprotect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.reprotect.activities.ReprotectErrorCode;
import dev.reprotect.activities.item.ClaimErrorCode;
import dev.reprotect.activities.item.StaleClaim;
import dev.reprotect.activities.replication.ItemRef;
import dev.reprotect.azure.ActivityLogEntry;
import dev.reprotect.azure.AzureErrorCode;
import dev.reprotect.azure.Caller;
import dev.reprotect.azure.ProtectionState;
import dev.reprotect.azure.RunningOperation;
import dev.reprotect.workflows.WorkflowIds;
import dev.reprotect.workflows.job.JobStep;
import dev.reprotect.workflows.release.ClaimReviewWorkflow;
import dev.reprotect.workflows.release.ReleaseClaimWorkflow;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TerminatedFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The item's claim: it records the job's workflow id and run; a new run of the same id takes over
 * what an earlier run left, another workflow's stale claim is refused until the release clears it,
 * and the claim compares and sets the item as the prerequisites saw it.
 */
class ItemClaimTest {
  @RegisterExtension static final TestWorkflowExtension temporal = ReprotectFixture.temporal();

  private static final Caller OPERATOR = Caller.of("item-claim-test");
  private static final String TAKE_OVER = "replicatedItems/takeOver/action";
  private static final String RELEASE_STALE = "replicatedItems/releaseStale/action";

  private ReprotectFixture fixture;
  private WorkflowClient client;
  private String taskQueue;

  @AfterEach
  void closeFixture() {
    if (fixture != null) {
      fixture.close();
    }
  }

  private void seed(TestWorkflowEnvironment env, Worker worker) {
    fixture = new ReprotectFixture(ReprotectFixture.scenario().build());
    fixture.register(env, worker);
    taskQueue = worker.getTaskQueue();
    client = env.getWorkflowClient();
  }

  private List<ActivityLogEntry> logged(String operation) {
    return fixture.azure.metering().activityLog().stream()
        .filter(entry -> entry.operation().endsWith(operation))
        .toList();
  }

  private <T> T shortWorkflow(Class<T> type, String workflowId) {
    return client.newWorkflowStub(
        type,
        WorkflowOptions.newBuilder().setWorkflowId(workflowId).setTaskQueue(taskQueue).build());
  }

  private static ApplicationFailure failureOf(Throwable thrown, String code) {
    return ReprotectFixture.applicationFailure(thrown, code)
        .orElseThrow(() -> new AssertionError("no " + code + " failure in " + thrown, thrown));
  }

  @Test
  void aTerminatedRunsClaimIsTakenOverByTheNextRunOfTheSameWorkflowId(
      TestWorkflowEnvironment env, Worker worker) {
    seed(env, worker);
    // The first run is lost while it turns the target VM off: it holds the claim, for ever.
    fixture
        .azure
        .faults()
        .onCall(
            "powerOff",
            1,
            () -> client.newUntypedWorkflowStub(fixture.workflowId()).terminate("the run is lost"));
    env.start();
    ReprotectWorkflow first = fixture.newWorkflow(client);
    WorkflowExecution firstRun = WorkflowClient.start(first::reprotect, fixture.request());
    WorkflowFailedException terminated =
        catchThrowableOfType(
            WorkflowFailedException.class,
            () -> WorkflowStub.fromTyped(first).getResult(ProtectionSummary.class));
    assertThat(terminated.getCause()).isInstanceOf(TerminatedFailure.class);
    RunningOperation left = fixture.item().runningOperation();
    assertThat(left.id()).isEqualTo(fixture.workflowId());
    assertThat(left.runId()).isEqualTo(firstRun.getRunId());
    assertThat(fixture.item().state()).isEqualTo(ProtectionState.Reprotecting);

    ReprotectWorkflow second = fixture.newWorkflow(client);
    ProtectionSummary summary = second.reprotect(fixture.request());

    assertThat(summary.state()).isEqualTo("Protected");
    assertThat(fixture.item().state()).isEqualTo(ProtectionState.Protected);
    assertThat(fixture.item().runningOperation()).isNull();
    List<ActivityLogEntry> takeOvers = logged(TAKE_OVER);
    assertThat(takeOvers).hasSize(1);
    String secondRun = WorkflowStub.fromTyped(second).getExecution().getRunId();
    assertThat(takeOvers.get(0).correlationId())
        .startsWith(fixture.workflowId() + "/" + secondRun + "/ClaimItem/");
    JobStep<ProtectionStep> check =
        fixture.newWorkflowStubForQuery(client).job().steps().stream()
            .filter(step -> step.step() == ProtectionStep.CheckPrerequisites)
            .findFirst()
            .orElseThrow();
    assertThat(check.detail()).contains("takes over the claim", firstRun.getRunId());
  }

  @Test
  void anotherWorkflowsStaleClaimRefusesNewJobsUntilTheReleaseClearsIt(
      TestWorkflowEnvironment env, Worker worker) {
    seed(env, worker);
    RunningOperation stale =
        new RunningOperation(
            "Reprotect",
            "reprotect-lost." + fixture.scenario.vault() + "." + fixture.scenario.vm(),
            "run-lost",
            Instant.EPOCH);
    fixture
        .azure
        .recoveryServices()
        .claimOperation(
            OPERATOR,
            fixture.scenario.vault(),
            fixture.scenario.vm(),
            stale,
            null,
            ProtectionState.Reprotecting);
    env.start();

    WorkflowFailedException refused =
        catchThrowableOfType(
            WorkflowFailedException.class,
            () -> fixture.newWorkflow(client).reprotect(fixture.request()));
    assertThat(
            failureOf(refused, ReprotectErrorCode.OperationInProgress.name()).getOriginalMessage())
        .contains(stale.id(), "reprotect release");

    String vault = fixture.scenario.vault();
    String vm = fixture.scenario.vm();
    RunningOperation reviewed =
        shortWorkflow(ClaimReviewWorkflow.class, "claim-review").review(new ItemRef(vault, vm));
    assertThat(reviewed.isSameRun(stale)).as(reviewed.toString()).isTrue();
    RunningOperation otherRun =
        new RunningOperation(stale.type(), stale.id(), "run-other", stale.startedAt());
    WorkflowFailedException changed =
        catchThrowableOfType(
            WorkflowFailedException.class,
            () ->
                shortWorkflow(ReleaseClaimWorkflow.class, "release-other-run")
                    .release(new StaleClaim(vault, vm, otherRun)));
    failureOf(changed, AzureErrorCode.ItemChanged.name());
    assertThat(fixture.item().runningOperation().isSameRun(stale)).isTrue();

    shortWorkflow(ReleaseClaimWorkflow.class, WorkflowIds.release(vault, vm))
        .release(new StaleClaim(vault, vm, reviewed));

    assertThat(fixture.item().runningOperation()).isNull();
    assertThat(fixture.item().state()).isEqualTo(ProtectionState.ReprotectFailed);
    List<ActivityLogEntry> releases = logged(RELEASE_STALE);
    assertThat(releases).hasSize(1);
    assertThat(releases.get(0).correlationId()).startsWith(WorkflowIds.release(vault, vm) + "/");
    WorkflowFailedException unclaimed =
        catchThrowableOfType(
            WorkflowFailedException.class,
            () ->
                shortWorkflow(ClaimReviewWorkflow.class, "claim-review-again")
                    .review(new ItemRef(vault, vm)));
    failureOf(unclaimed, ClaimErrorCode.ItemNotClaimed.name());

    ProtectionSummary rerun = fixture.newWorkflow(client).reprotect(fixture.request());
    assertThat(rerun.state()).isEqualTo("Protected");
  }

  @Test
  void theClaimFailsIfTheItemChangedBetweenTheCheckAndTheClaim(
      TestWorkflowEnvironment env, Worker worker) {
    seed(env, worker);
    // Between the job's check and its claim, the item is protected by other means.
    fixture
        .azure
        .faults()
        .onCall(
            "claimOperation",
            1,
            () ->
                fixture
                    .azure
                    .recoveryServices()
                    .putReplicatedItem(
                        OPERATOR,
                        fixture.item().withRunningOperation(null, ProtectionState.Protected)));
    env.start();

    WorkflowFailedException failed =
        catchThrowableOfType(
            WorkflowFailedException.class,
            () -> fixture.newWorkflow(client).reprotect(fixture.request()));

    String code = AzureErrorCode.ItemChanged.name();
    assertThat(failureOf(failed, code).getOriginalMessage()).contains("Protected");
    assertThat(fixture.newWorkflowStubForQuery(client).job().errorCode()).isEqualTo(code);
    assertThat(fixture.item().state())
        .as("left as the other party set it")
        .isEqualTo(ProtectionState.Protected);
    assertThat(fixture.item().runningOperation()).isNull();
    assertThat(fixture.jobLog()).as("the job changed nothing").isEmpty();
  }
}
