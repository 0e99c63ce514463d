package dev.reprotect.workflows.reprotect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.reprotect.activities.DiskSyncResult;
import dev.reprotect.activities.ProtectionPlan;
import dev.reprotect.activities.ReprotectErrorCode;
import dev.reprotect.azure.ActivityLogEntry;
import dev.reprotect.azure.AzureErrorCode;
import dev.reprotect.azure.BlobRef;
import dev.reprotect.azure.Caller;
import dev.reprotect.azure.ProtectionState;
import dev.reprotect.azure.ReplicatedItem;
import dev.reprotect.azure.RunningOperation;
import dev.reprotect.azure.sim.Scenario;
import dev.reprotect.workflows.job.Job;
import dev.reprotect.workflows.job.JobState;
import dev.reprotect.workflows.job.JobStep;
import dev.reprotect.workflows.job.StepState;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.RetryState;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Failures during the job: transient ones are retried, lasting ones fail the job within the bound,
 * a cancellation stops it; each leaves the item ready for a re-run that reuses what was done.
 * Faults are injected into the simulator by backend call.
 */
class FailureHandlingTest {
  @RegisterExtension static final TestWorkflowExtension temporal = ReprotectFixture.temporal();

  private static final Caller OPERATOR = Caller.of("failure-handling-test");

  private ReprotectFixture fixture;
  private TestWorkflowEnvironment env;
  private WorkflowClient client;

  @AfterEach
  void closeFixture() {
    if (fixture != null) {
      fixture.close();
    }
  }

  /** Seeds the world and registers the activities; faults are added before {@link #start}. */
  private void seed(Scenario scenario, TestWorkflowEnvironment env, Worker worker) {
    this.env = env;
    fixture = new ReprotectFixture(scenario);
    fixture.register(env, worker);
  }

  private void start() {
    env.start();
    client = env.getWorkflowClient();
  }

  private ProtectionSummary reprotect() {
    return fixture.newWorkflow(client).reprotect(fixture.request());
  }

  private Job<ProtectionStep, ProtectionPlan> job() {
    return fixture.newWorkflowStubForQuery(client).job();
  }

  private static void assertProtectedWithEqualDisks(ProtectionSummary summary) {
    assertThat(summary.state()).isEqualTo("Protected");
    assertThat(summary.disks())
        .isNotEmpty()
        .allSatisfy(
            disk ->
                assertThat(disk.targetChecksum()).as(disk.name()).isEqualTo(disk.sourceChecksum()));
  }

  private void assertItemReadyForAReRun() {
    ReplicatedItem item = fixture.item();
    assertThat(item.state()).isEqualTo(ProtectionState.ReprotectFailed);
    assertThat(item.runningOperation()).isNull();
  }

  /** Block writes of the job, by block: every block must have been written once. */
  private Map<String, Long> blockWritesOfTheJob() {
    return fixture.jobLog().stream()
        .filter(entry -> entry.operation().endsWith("pages/write"))
        .collect(Collectors.groupingBy(ActivityLogEntry::resourceId, Collectors.counting()));
  }

  private void assertNoBlockWrittenTwice() {
    assertThat(blockWritesOfTheJob())
        .isNotEmpty()
        .allSatisfy((block, writes) -> assertThat(writes).as(block).isEqualTo(1));
  }

  @Test
  void aTransientBackendFailureIsRetriedAndAppliedOnce(TestWorkflowEnvironment env, Worker worker) {
    seed(ReprotectFixture.scenario().build(), env, worker);
    fixture.azure.faults().failCalls("powerOff", 1, 2, AzureErrorCode.InternalServerError);
    start();

    ProtectionSummary summary = reprotect();

    assertProtectedWithEqualDisks(summary);
    assertThat(fixture.azure.faults().callCount("powerOff")).as("attempts").isEqualTo(3);
    List<ActivityLogEntry> powerOffs =
        fixture.jobLog().stream()
            .filter(entry -> entry.operation().endsWith("powerOff/action"))
            .toList();
    assertThat(powerOffs).hasSize(1);
    assertThat(powerOffs.get(0).correlationId()).as("applied by the third attempt").endsWith("#3");
    assertThat(job().state()).isEqualTo(JobState.Succeeded);
    assertThat(ReprotectWorkflowTest.stepState(job(), ProtectionStep.StopTargetVm))
        .isEqualTo(StepState.Succeeded);
  }

  /**
   * One disk: with two, both syncs exhaust their retries at the same moment, and the workflow's
   * cancellation of the other sync can land in the very workflow task in which that sync failed.
   * The time-skipping test server answers that with FAILED_PRECONDITION "ACTIVITY_UNKNOWN" and the
   * workflow hangs (temporalio/sdk-java#2391); a real server accepts it.
   */
  @Test
  void aTargetRegionOutageOutlastingTheRetriesFailsTheJobAndAReRunFinishesIt(
      TestWorkflowEnvironment env, Worker worker) {
    String targetRegion = seedAnOutageFromTheSecondTransfer(env, worker);
    start();

    WorkflowFailedException failed =
        catchThrowableOfType(WorkflowFailedException.class, this::reprotect);

    assertThat(failed).as("the job fails").isNotNull();
    String code = ReprotectErrorCode.TargetRegionUnavailable.name();
    ApplicationFailure failure =
        ReprotectFixture.applicationFailure(failed, code)
            .orElseThrow(() -> new AssertionError("no " + code + " failure in " + failed, failed));
    assertThat(failed.getCause()).isSameAs(failure);
    assertThat(failure.getOriginalMessage()).contains(targetRegion);
    Job<ProtectionStep, ProtectionPlan> job = job();
    assertThat(job.state()).isEqualTo(JobState.Failed);
    assertThat(job.errorCode()).isEqualTo(code);
    assertThat(ReprotectWorkflowTest.stepState(job, ProtectionStep.InitialSync))
        .isEqualTo(StepState.Failed);
    assertThat(ReprotectWorkflowTest.stepState(job, ProtectionStep.StartDeltaReplication))
        .isEqualTo(StepState.NotStarted);
    assertItemReadyForAReRun();
    // The sync was retried up to the bound before the job gave up.
    assertThat(causeOf(failed, ActivityFailure.class))
        .hasValueSatisfying(
            activity -> {
              assertThat(activity.getActivityType()).isEqualTo(ReprotectFixture.SYNC_DISK);
              assertThat(activity.getRetryState())
                  .isEqualTo(RetryState.RETRY_STATE_MAXIMUM_ATTEMPTS_REACHED);
            });

    fixture.azure.resources().setRegionAvailable(OPERATOR, targetRegion, true);
    ProtectionSummary rerun = reprotect();

    assertProtectedWithEqualDisks(rerun);
    assertThat(fixture.item().state()).isEqualTo(ProtectionState.Protected);
    assertThat(fixture.item().runningOperation()).isNull();
    assertThat(job().state()).isEqualTo(JobState.Succeeded);
    assertNoBlockWrittenTwice();
  }

  /**
   * The outage that fails the sync is still on when the job releases the item: the release's first
   * 12 attempts fail (a step gives up after 8), and the outage ends with its 13th. The job waits
   * for it, ends failed with the sync's code, and leaves the item free for a re-run.
   */
  @Test
  void anOutageThatOutlastsTheSyncAndTheReleaseStillEndsTheJobAndReleasesTheItem(
      TestWorkflowEnvironment env, Worker worker) {
    String targetRegion = seedAnOutageFromTheSecondTransfer(env, worker);
    int failedReleases = 12;
    fixture
        .azure
        .faults()
        .failCalls("releaseOperation", 1, failedReleases, AzureErrorCode.InternalServerError)
        .onCall(
            "releaseOperation",
            failedReleases + 1,
            () -> fixture.azure.resources().setRegionAvailable(OPERATOR, targetRegion, true));
    start();

    jobEndsWithTheSyncsCode();

    assertThat(fixture.azure.faults().callCount("releaseOperation"))
        .as("released once the outage ended")
        .isEqualTo(failedReleases + 1);
    assertItemReadyForAReRun();
  }

  /**
   * A release that never gets through (the backend refuses it for longer than the release's week)
   * still lets the job end, with the sync's code, saying that the item stays claimed and how to
   * clear it.
   */
  @Test
  void aReleaseThatNeverGetsThroughStillEndsTheJob(TestWorkflowEnvironment env, Worker worker) {
    seedAnOutageFromTheSecondTransfer(env, worker);
    fixture
        .azure
        .faults()
        .failCalls(
            "releaseOperation", 1, Integer.MAX_VALUE - 1, AzureErrorCode.InternalServerError);
    start();

    Job<ProtectionStep, ProtectionPlan> job = jobEndsWithTheSyncsCode();

    assertThat(job.errorMessage()).contains("still claimed", "reprotect release");
    assertThat(fixture.item().runningOperation().id()).isEqualTo(fixture.workflowId());
  }

  /** One disk whose target region goes out from its second transfer on; returns the region. */
  private String seedAnOutageFromTheSecondTransfer(TestWorkflowEnvironment env, Worker worker) {
    seed(ReprotectFixture.scenario().dataDisks(0).build(), env, worker);
    String targetRegion = fixture.scenario.targetRegion();
    fixture
        .azure
        .faults()
        .onCall(
            "transferBlocks",
            2,
            () -> fixture.azure.resources().setRegionAvailable(OPERATOR, targetRegion, false));
    return targetRegion;
  }

  /** Runs the job, which must end failed with the outage's code, the sync's; returns the job. */
  private Job<ProtectionStep, ProtectionPlan> jobEndsWithTheSyncsCode() {
    WorkflowFailedException failed =
        catchThrowableOfType(WorkflowFailedException.class, this::reprotect);

    assertThat(failed).as("the job ends").isNotNull();
    String code = ReprotectErrorCode.TargetRegionUnavailable.name();
    assertThat(failed.getCause())
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> assertThat(failure.getType()).as("the sync's code").isEqualTo(code));
    Job<ProtectionStep, ProtectionPlan> job = job();
    assertThat(job.state()).isEqualTo(JobState.Failed);
    assertThat(job.errorCode()).isEqualTo(code);
    return job;
  }

  @Test
  void aCancelledJobEndsCancelledAndLeavesTheItemReadyForAReRun(
      TestWorkflowEnvironment env, Worker worker) {
    seed(ReprotectFixture.scenario().dataDisks(0).build(), env, worker);
    AtomicBoolean cancelRecorded = fixture.cancelDuringTheFirstTransfer(env);
    start();
    ReprotectWorkflow workflow = fixture.newWorkflow(client);
    WorkflowClient.start(workflow::reprotect, fixture.request());

    WorkflowFailedException cancelled =
        catchThrowableOfType(
            WorkflowFailedException.class,
            () -> WorkflowStub.fromTyped(workflow).getResult(ProtectionSummary.class));

    assertThat(cancelRecorded).as("the service recorded the cancellation").isTrue();
    assertThat(cancelled).as("the job ends").isNotNull();
    assertThat(cancelled.getCause()).isInstanceOf(CanceledFailure.class);
    Job<ProtectionStep, ProtectionPlan> job = job();
    assertThat(job.state()).isEqualTo(JobState.Cancelled);
    assertThat(job.steps()).extracting(JobStep::state).doesNotContain(StepState.InProgress);
    assertItemReadyForAReRun();
    assertThat(
            fixture
                .azure
                .recoveryServices()
                .recoveryPoints(fixture.scenario.vault(), fixture.scenario.vm()))
        .as("delta replication never started")
        .isEmpty();

    ProtectionSummary rerun = reprotect();

    assertProtectedWithEqualDisks(rerun);
    assertThat(fixture.item().state()).isEqualTo(ProtectionState.Protected);
    assertNoBlockWrittenTwice();
  }

  /**
   * A cancellation reaches an activity only in the answer to a heartbeat that is actually sent, and
   * the SDK sends only the first heartbeat of an attempt at once (later ones are throttled to 0.8
   * times the heartbeat timeout, 24 s here). So the world has one disk copied in full, whose first
   * heartbeat comes right after the first transfer, and the hook holds that transfer until the
   * service has recorded the activity's cancellation.
   */
  @Test
  void aCancellationStopsTheSyncAtItsNextSafePoint(TestWorkflowEnvironment env, Worker worker) {
    seed(
        ReprotectFixture.scenario().dataDisks(0).targetVm(Scenario.TargetVm.Deleted).build(),
        env,
        worker);
    AtomicBoolean cancelReachedTheSync = fixture.cancelDuringTheFirstTransfer(env);
    start();
    ReprotectWorkflow workflow = fixture.newWorkflow(client);
    WorkflowClient.start(workflow::reprotect, fixture.request());

    WorkflowFailedException cancelled =
        catchThrowableOfType(
            WorkflowFailedException.class,
            () -> WorkflowStub.fromTyped(workflow).getResult(ProtectionSummary.class));

    assertThat(cancelReachedTheSync).as("the service recorded the cancellation").isTrue();
    assertThat(cancelled).isNotNull();
    assertThat(cancelled.getCause()).isInstanceOf(CanceledFailure.class);
    assertThat(fixture.azure.faults().callCount("transferBlocks"))
        .as("no transfer after the one that was running")
        .isEqualTo(1);
    assertThat(eventsOf(EventType.EVENT_TYPE_ACTIVITY_TASK_CANCELED)).hasSize(1);
    Job<ProtectionStep, ProtectionPlan> job = job();
    assertThat(job.state()).isEqualTo(JobState.Cancelled);
    assertThat(ReprotectWorkflowTest.stepState(job, ProtectionStep.InitialSync))
        .isEqualTo(StepState.Cancelled);
    assertThat(ReprotectWorkflowTest.stepState(job, ProtectionStep.StartDeltaReplication))
        .isEqualTo(StepState.NotStarted);
    assertItemReadyForAReRun();
    String replicaAfterCancel = fixture.azure.storage().checksum(OPERATOR, replicaOfOsDisk());
    assertThat(replicaAfterCancel)
        .as("the replica was left half-synced")
        .isNotEqualTo(fixture.azure.storage().checksum(OPERATOR, sourceOsDisk()));

    ProtectionSummary rerun = reprotect();

    assertProtectedWithEqualDisks(rerun);
    assertNoBlockWrittenTwice();
  }

  @Test
  void anInitialSyncInterruptedMidwayResumesAndEndsWithEqualDisks(
      TestWorkflowEnvironment env, Worker worker) {
    // Every block written: no range is empty on both sides, which the sync would step over.
    seed(ReprotectFixture.scenario().allocatedPercent(100).build(), env, worker);
    fixture.azure.faults().failCalls("transferBlocks", 3, 1, AzureErrorCode.InternalServerError);
    start();

    ProtectionSummary summary = reprotect();

    assertProtectedWithEqualDisks(summary);
    assertThat(fixture.azure.faults().callCount("transferBlocks")).isGreaterThan(3);
    assertThat(fixture.jobLog())
        .as("a second attempt of a sync sent the rest")
        .anySatisfy(
            entry ->
                assertThat(entry.correlationId())
                    .contains("/" + ReprotectFixture.SYNC_DISK + "/")
                    .endsWith("#2"));
    // Each source block read once; those of the interrupted range a second time at most.
    long allocated = syncResults().stream().mapToLong(DiskSyncResult::allocatedBytes).sum();
    assertThat(sourceBytesReadByTheJob())
        .isBetween(
            allocated,
            allocated + (long) ReprotectFixture.BLOCKS_PER_RANGE * ReprotectFixture.BLOCK_SIZE);
    assertThat(syncResults()).hasSize(2);
    assertNoBlockWrittenTwice();
  }

  /**
   * A batch of blocks is applied and its answer lost: the attempt fails without having counted it,
   * and the next finds those blocks there and does not count them either. The summary's bytes sent
   * are the backend's meter for the job, that batch included.
   */
  @Test
  void theBytesSentAreWhatTheBackendMeteredForTheJobWhenAnAttemptsProgressIsLost(
      TestWorkflowEnvironment env, Worker worker) {
    // A full copy: every batch sends bytes, the one whose answer is lost too.
    seed(ReprotectFixture.scenario().targetVm(Scenario.TargetVm.Deleted).build(), env, worker);
    fixture.azure.faults().loseAnswers("transferBlocks", 3, 1, AzureErrorCode.InternalServerError);
    start();

    ProtectionSummary summary = reprotect();

    assertProtectedWithEqualDisks(summary);
    assertThat(fixture.jobLog())
        .as("a second attempt of a sync sent the rest")
        .anySatisfy(entry -> assertThat(entry.correlationId()).endsWith("#2"));
    long countedBySyncs = summary.disks().stream().mapToLong(DiskSummary::bytesTransferred).sum();
    assertThat(summary.bytesSentAcrossRegions())
        .isEqualTo(fixture.azure.metering().bytesTransferredBy(fixture.workflowId() + "/"))
        .isGreaterThan(countedBySyncs);
    assertThat(summary.meters())
        .as("each side's meters, the failed attempt's reads included")
        .isEqualTo(fixture.azure.metering().costsBy(fixture.workflowId() + "/"));
    assertNoBlockWrittenTwice();
  }

  /**
   * The retry of a failed sync resumes after the last range the failed attempt finished, although
   * the SDK never sent that range's heartbeat on its own (it was throttled): the worker hands the
   * latest heartbeat details over with the attempt's failure.
   */
  @Test
  void aRetriedSyncResumesAfterTheLastRangeTheFailedAttemptFinished(
      TestWorkflowEnvironment env, Worker worker) {
    seed(
        ReprotectFixture.scenario().dataDisks(0).targetVm(Scenario.TargetVm.Deleted).build(),
        env,
        worker);
    BlobRef source = sourceOsDisk();
    for (long from = 0;
        from < 2 * ReprotectFixture.BLOCKS_PER_RANGE;
        from += ReprotectFixture.BLOCKS_PER_RANGE) {
      assertThat(
              fixture
                  .azure
                  .storage()
                  .blockHashes(
                      OPERATOR,
                      source,
                      from,
                      from + ReprotectFixture.BLOCKS_PER_RANGE,
                      fixture.scenario.sourceRegion())
                  .entries())
          .as("a full copy sends blocks in range %d", from)
          .isNotEmpty();
    }
    // The first range goes in two calls (one block until the pace is measured, then the rest),
    // each later range in one: the fourth call is the first of the third range.
    fixture.azure.faults().failCalls("transferBlocks", 4, 1, AzureErrorCode.InternalServerError);
    start();

    ProtectionSummary summary = reprotect();

    assertProtectedWithEqualDisks(summary);
    DiskSyncResult synced = syncResults().get(0);
    assertThat(synced.resumedFromBlock()).isEqualTo(2L * ReprotectFixture.BLOCKS_PER_RANGE);
    assertThat(sourceBytesReadByTheJob())
        .as("no block read twice")
        .isEqualTo(synced.allocatedBytes());
    assertThat(synced.blocksCopied() * ReprotectFixture.BLOCK_SIZE)
        .isEqualTo(synced.allocatedBytes());
    assertNoBlockWrittenTwice();
  }

  @Test
  void aSecondReprotectOfABusyItemIsRefusedWhateverItsWorkflowId(
      TestWorkflowEnvironment env, Worker worker) {
    seed(ReprotectFixture.scenario().build(), env, worker);
    String otherWorkflowId =
        "reprotect-again." + fixture.scenario.vault() + "." + fixture.scenario.vm();
    AtomicReference<RunningOperation> heldBy = new AtomicReference<>();
    AtomicReference<Throwable> second = new AtomicReference<>();
    fixture
        .azure
        .faults()
        .onCall(
            "transferBlocks",
            1,
            () -> {
              heldBy.set(fixture.item().runningOperation());
              try {
                fixture.newWorkflow(client, otherWorkflowId).reprotect(fixture.request());
                second.set(new AssertionError("the second reprotect was not refused"));
              } catch (Throwable refused) {
                second.set(refused);
              }
            });
    start();

    ProtectionSummary first = reprotect();

    assertThat(heldBy.get()).isNotNull();
    assertThat(heldBy.get().id()).isEqualTo(fixture.workflowId());
    assertThat(second.get()).isInstanceOf(WorkflowFailedException.class);
    String code = ReprotectErrorCode.OperationInProgress.name();
    ApplicationFailure refusal =
        ReprotectFixture.applicationFailure(second.get(), code)
            .orElseThrow(() -> new AssertionError("not refused with " + code, second.get()));
    assertThat(refusal.getOriginalMessage()).contains(fixture.workflowId());
    Job<ProtectionStep, ProtectionPlan> refusedJob =
        client.newWorkflowStub(ReprotectWorkflow.class, otherWorkflowId).job();
    assertThat(refusedJob.state()).isEqualTo(JobState.Failed);
    assertThat(refusedJob.errorCode()).isEqualTo(code);
    assertThat(fixture.azure.metering().activityLog())
        .as("the refused job changed nothing")
        .noneMatch(entry -> entry.correlationId().startsWith(otherWorkflowId + "/"));

    assertProtectedWithEqualDisks(first);
    assertThat(fixture.item().state()).isEqualTo(ProtectionState.Protected);
    assertThat(fixture.item().runningOperation()).isNull();
  }

  // ---------------------------------------------------------------------------------------------

  /** What the job read on the source's disks: its syncs' reads, every attempt's. */
  private long sourceBytesReadByTheJob() {
    return fixture
        .azure
        .metering()
        .costsBy(fixture.workflowId() + "/")
        .bytesReadIn(fixture.scenario.sourceRegion());
  }

  private BlobRef sourceOsDisk() {
    ReplicatedItem item = fixture.item();
    return fixture
        .azure
        .compute()
        .virtualMachine(item.source().resourceGroup(), item.name())
        .orElseThrow()
        .osDisk()
        .vhd();
  }

  /** The OS disk's replica as the plan the job ran named it. */
  private BlobRef replicaOfOsDisk() {
    return job().plan().disks().stream()
        .filter(disk -> disk.slot().equals("os"))
        .findFirst()
        .orElseThrow()
        .replica();
  }

  private List<HistoryEvent> eventsOf(EventType type) {
    return client.fetchHistory(fixture.workflowId()).getHistory().getEventsList().stream()
        .filter(event -> event.getEventType() == type)
        .toList();
  }

  /** The results of the sync activities of the job's latest run, read from its history. */
  private List<DiskSyncResult> syncResults() {
    List<HistoryEvent> events =
        client.fetchHistory(fixture.workflowId()).getHistory().getEventsList();
    Set<Long> syncs = new HashSet<>();
    for (HistoryEvent event : events) {
      if (event.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED
          && event
              .getActivityTaskScheduledEventAttributes()
              .getActivityType()
              .getName()
              .equals(ReprotectFixture.SYNC_DISK)) {
        syncs.add(event.getEventId());
      }
    }
    return events.stream()
        .filter(
            event ->
                event.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED
                    && syncs.contains(
                        event.getActivityTaskCompletedEventAttributes().getScheduledEventId()))
        .map(
            event ->
                client
                    .getOptions()
                    .getDataConverter()
                    .fromPayloads(
                        0,
                        Optional.of(event.getActivityTaskCompletedEventAttributes().getResult()),
                        DiskSyncResult.class,
                        DiskSyncResult.class))
        .toList();
  }

  private static <T extends Throwable> Optional<T> causeOf(Throwable thrown, Class<T> type) {
    for (Throwable t = thrown; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return Optional.of(type.cast(t));
      }
    }
    return Optional.empty();
  }
}
