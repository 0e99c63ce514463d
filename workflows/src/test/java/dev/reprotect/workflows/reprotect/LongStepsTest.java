package dev.reprotect.workflows.reprotect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.reprotect.activities.PlannedDisk;
import dev.reprotect.activities.ProtectionPlan;
import dev.reprotect.activities.ReprotectRequest;
import dev.reprotect.activities.TargetVmPlan;
import dev.reprotect.activities.plan.ReprotectPlanning;
import dev.reprotect.activities.plan.ReprotectPlanningImpl;
import dev.reprotect.azure.ActivityLogEntry;
import dev.reprotect.azure.AzureErrorCode;
import dev.reprotect.azure.AzureException;
import dev.reprotect.azure.BlobRef;
import dev.reprotect.azure.Caller;
import dev.reprotect.azure.LongOperation;
import dev.reprotect.azure.LongOperationsApi;
import dev.reprotect.azure.ProtectionState;
import dev.reprotect.azure.ReplicatedItem;
import dev.reprotect.azure.sim.Scenario;
import dev.reprotect.workflows.job.Job;
import dev.reprotect.workflows.job.JobState;
import dev.reprotect.workflows.job.JobStep;
import dev.reprotect.workflows.job.StepState;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.CanceledFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Steps 2 to 4 against the backend's real pace, against a world that moved since the plan, and
 * beside the sync.
 */
class LongStepsTest {
  private static final Caller SOMEONE = Caller.of("someone-else");

  @RegisterExtension
  static final TestWorkflowExtension temporal =
      ReprotectFixture.temporalBuilder()
          // Every heartbeat reaches the server at once: these tests move its clock by minutes in
          // milliseconds, faster than the SDK's throttle (80% of the heartbeat timeout) expects.
          .setWorkerOptions(
              WorkerOptions.newBuilder()
                  .setMaxHeartbeatThrottleInterval(Duration.ofMillis(1))
                  .build())
          .build();

  private ReprotectFixture fixture;

  @AfterEach
  void closeFixture() {
    if (fixture != null) {
      fixture.close();
    }
  }

  @Test
  void aDeletionAndACopyLongerThanTheShortStepsBoundEndInOneAttemptEach(
      TestWorkflowEnvironment env, Worker worker) {
    fixture = new ReprotectFixture(ReprotectFixture.scenario().dataDisks(0).build());
    // Each long operation runs for 12 polls of 15 s on the server's clock: 3 minutes, beyond
    // the 2-minute start-to-close of a short step.
    PacedOperations paced =
        new PacedOperations(fixture.azure.longOperations(), env, 12, Duration.ofSeconds(15));
    fixture.register(env, worker, new LensedBackend(fixture.azure, paced), Map.of());
    env.start();

    reprotectedToProtected(env);
    // A history keeps the last attempt of an activity: its started event says which it was.
    List<HistoryEvent> events = history(env);
    assertThat(events)
        .filteredOn(HistoryEvent::hasActivityTaskStartedEventAttributes)
        .isNotEmpty()
        .allSatisfy(
            started ->
                assertThat(started.getActivityTaskStartedEventAttributes().getAttempt())
                    .as("attempt of event %d", started.getEventId())
                    .isEqualTo(1));
    assertThat(paced.slowOperations()).as("operations polled for 3 minutes").isEqualTo(2);
  }

  @Test
  void eachDiskIsSeededByItsOwnActivityAndAFailedCopyIsRetriedAlone(
      TestWorkflowEnvironment env, Worker worker) {
    fixture = new ReprotectFixture(ReprotectFixture.scenario().dataDisks(2).build());
    FirstCopyFails failing = new FirstCopyFails(fixture.azure.longOperations());
    fixture.register(env, worker, new LensedBackend(fixture.azure, failing), Map.of());
    env.start();

    fixture.newWorkflow(env.getWorkflowClient()).reprotect(fixture.request());

    List<String> copies =
        fixture.jobLog().stream()
            .filter(entry -> entry.operation().endsWith("/copy"))
            .map(ActivityLogEntry::correlationId)
            .toList();
    // "<workflow>/<type>/<activity id>#<attempt>": three activities, the failed one's second
    // attempt copied its disk, the others their first.
    assertThat(copies)
        .hasSize(3)
        .allMatch(id -> id.contains("/CopyDiskToSeedBlob/"))
        .extracting(id -> id.substring(0, id.indexOf('#')))
        .doesNotHaveDuplicates();
    assertThat(copies).filteredOn(id -> id.endsWith("#2")).hasSize(1);
    assertThat(copies).filteredOn(id -> id.endsWith("#1")).hasSize(2);
    assertThat(failing.begunCopies()).hasSize(3);
  }

  @Test
  void theTargetVmIsDeletedWhileTheDisksSyncAndTheCacheAccountMadeWhileTheyAreSeeded(
      TestWorkflowEnvironment env, Worker worker) {
    fixture = new ReprotectFixture(ReprotectFixture.scenario().dataDisks(1).build());
    fixture.register(env, worker);
    env.start();

    ProtectionSummary summary = reprotectedToProtected(env);
    List<HistoryEvent> events = history(env);
    // Scheduled before the other had ended: the two ran at once, which the old order never did.
    assertThat(scheduledOf(events, "TakeCut")).isLessThan(completedOf(events, "DeleteTargetVm"));
    long cache = scheduledOf(events, "EnsureCacheStorageAccount");
    long next =
        events.stream()
            .filter(HistoryEvent::hasActivityTaskScheduledEventAttributes)
            .mapToLong(HistoryEvent::getEventId)
            .filter(id -> id > cache)
            .findFirst()
            .orElseThrow();
    assertThat(next)
        .as("the activity scheduled next, the seed step's first")
        .isLessThan(completedOf(events, "EnsureCacheStorageAccount"));
    // Yet neither step is left behind: both ended before delta replication began.
    Job<ProtectionStep, ProtectionPlan> job =
        fixture.newWorkflowStubForQuery(env.getWorkflowClient()).job();
    Instant deltaStarted = stepOf(job, ProtectionStep.StartDeltaReplication).startTime();
    for (ProtectionStep beside :
        List.of(ProtectionStep.PrepareArtefacts, ProtectionStep.DeleteTargetVm)) {
      assertThat(stepOf(job, beside).state()).as("%s", beside).isEqualTo(StepState.Succeeded);
      assertThat(stepOf(job, beside).endTime()).as("%s", beside).isBeforeOrEqualTo(deltaStarted);
    }
    ReplicatedItem item = fixture.item();
    assertThat(fixture.azure.compute().virtualMachine(item.target().resourceGroup(), item.name()))
        .isEmpty();
    assertThat(fixture.azure.storage().storageAccount(item.cacheStorageAccount())).isPresent();
    assertThat(summary.disks())
        .hasSize(2)
        .allSatisfy(disk -> assertThat(disk.targetChecksum()).isEqualTo(disk.sourceChecksum()));
  }

  @Test
  void aDeletionFailingBesideTheSyncFailsTheJobOnceTheDisksAreSyncedAndAReRunEndsIt(
      TestWorkflowEnvironment env, Worker worker) {
    fixture = new ReprotectFixture(ReprotectFixture.scenario().dataDisks(0).build());
    DeletionRefused refused = new DeletionRefused(fixture.azure.longOperations());
    fixture.register(env, worker, new LensedBackend(fixture.azure, refused), Map.of());
    env.start();

    WorkflowFailedException failed =
        catchThrowableOfType(
            WorkflowFailedException.class,
            () -> fixture.newWorkflow(env.getWorkflowClient()).reprotect(fixture.request()));

    assertThat(failed).as("the job fails").isNotNull();
    assertThat(ReprotectFixture.applicationFailure(failed, AzureErrorCode.Conflict.name()))
        .isPresent();
    Job<ProtectionStep, ProtectionPlan> job =
        fixture.newWorkflowStubForQuery(env.getWorkflowClient()).job();
    assertThat(job.state()).isEqualTo(JobState.Failed);
    assertThat(stepOf(job, ProtectionStep.InitialSync).state()).isEqualTo(StepState.Succeeded);
    assertThat(stepOf(job, ProtectionStep.DeleteTargetVm).state()).isEqualTo(StepState.Failed);
    assertThat(stepOf(job, ProtectionStep.StartDeltaReplication).state())
        .isEqualTo(StepState.NotStarted);
    assertThat(fixture.item().state()).isEqualTo(ProtectionState.ReprotectFailed);
    // The sync the deletion ran beside ended: its replica holds the source's bytes.
    PlannedDisk os = job.plan().disks().get(0);
    assertThat(fixture.azure.storage().checksum(SOMEONE, os.replica()))
        .isEqualTo(fixture.azure.storage().checksum(SOMEONE, os.source()));

    refused.allow();
    ProtectionSummary rerun =
        fixture
            .newWorkflow(env.getWorkflowClient(), fixture.workflowId() + "-rerun")
            .reprotect(fixture.request());
    assertThat(rerun.state()).isEqualTo("Protected");
  }

  @Test
  void aJobCancelledWhileTheTargetVmIsDeletedLetsTheDeletionEnd(
      TestWorkflowEnvironment env, Worker worker) {
    fixture = new ReprotectFixture(ReprotectFixture.scenario().dataDisks(0).build());
    AtomicBoolean cancelRecorded = fixture.cancelDuringTheFirstTransfer(env);
    DeletionHeld held = new DeletionHeld(fixture.azure.longOperations(), cancelRecorded::get);
    fixture.register(env, worker, new LensedBackend(fixture.azure, held), Map.of());
    env.start();
    ReprotectWorkflow workflow = fixture.newWorkflow(env.getWorkflowClient());
    WorkflowClient.start(workflow::reprotect, fixture.request());

    WorkflowFailedException cancelled =
        catchThrowableOfType(
            WorkflowFailedException.class,
            () -> WorkflowStub.fromTyped(workflow).getResult(ProtectionSummary.class));

    assertThat(cancelRecorded).as("the service recorded the sync's cancellation").isTrue();
    assertThat(held.pollsWhileHeld()).as("the deletion was running then").isPositive();
    assertThat(cancelled).isNotNull();
    assertThat(cancelled.getCause()).isInstanceOf(CanceledFailure.class);
    List<HistoryEvent> events = history(env);
    long deletion = scheduledOf(events, "DeleteTargetVm");
    assertThat(events)
        .filteredOn(HistoryEvent::hasActivityTaskCancelRequestedEventAttributes)
        .extracting(
            event -> event.getActivityTaskCancelRequestedEventAttributes().getScheduledEventId())
        .as("only the sync is cancelled")
        .isNotEmpty()
        .doesNotContain(deletion);
    completedOf(events, "DeleteTargetVm");
    Job<ProtectionStep, ProtectionPlan> job =
        fixture.newWorkflowStubForQuery(env.getWorkflowClient()).job();
    assertThat(job.state()).isEqualTo(JobState.Cancelled);
    assertThat(stepOf(job, ProtectionStep.DeleteTargetVm).state()).isEqualTo(StepState.Succeeded);
    ReplicatedItem item = fixture.item();
    assertThat(item.state()).isEqualTo(ProtectionState.ReprotectFailed);
    assertThat(fixture.azure.compute().virtualMachine(item.target().resourceGroup(), item.name()))
        .isEmpty();
  }

  private ProtectionSummary reprotectedToProtected(TestWorkflowEnvironment env) {
    ProtectionSummary summary =
        fixture.newWorkflow(env.getWorkflowClient()).reprotect(fixture.request());
    assertThat(summary.state()).isEqualTo("Protected");
    return summary;
  }

  private List<HistoryEvent> history(TestWorkflowEnvironment env) {
    return env.getWorkflowClient().fetchHistory(fixture.workflowId()).getEvents();
  }

  private static long scheduledOf(List<HistoryEvent> events, String activityType) {
    return events.stream()
        .filter(HistoryEvent::hasActivityTaskScheduledEventAttributes)
        .filter(
            event ->
                event
                    .getActivityTaskScheduledEventAttributes()
                    .getActivityType()
                    .getName()
                    .equals(activityType))
        .mapToLong(HistoryEvent::getEventId)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + activityType + " scheduled"));
  }

  private static long completedOf(List<HistoryEvent> events, String activityType) {
    long scheduled = scheduledOf(events, activityType);
    return events.stream()
        .filter(HistoryEvent::hasActivityTaskCompletedEventAttributes)
        .filter(
            event ->
                event.getActivityTaskCompletedEventAttributes().getScheduledEventId() == scheduled)
        .mapToLong(HistoryEvent::getEventId)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + activityType + " completed"));
  }

  private static JobStep<ProtectionStep> stepOf(
      Job<ProtectionStep, ProtectionPlan> job, ProtectionStep step) {
    return job.steps().stream().filter(s -> s.step() == step).findFirst().orElseThrow();
  }

  @Test
  void aVmStartedAfterThePlanSawItStoppedIsTurnedOff(TestWorkflowEnvironment env, Worker worker) {
    JobStep<ProtectionStep> stop =
        stopStepAfterAChangeToTheVm(
            Scenario.TargetVm.Stopped,
            env,
            worker,
            vm -> fixture.azure.compute().start(SOMEONE, vm.resourceGroup(), vm.name()));

    assertThat(fixture.jobLog())
        .extracting(ActivityLogEntry::operation)
        .contains("Microsoft.Compute/virtualMachines/powerOff/action");
    assertThat(stop.state()).isEqualTo(StepState.Succeeded);
  }

  @Test
  void aVmStoppedAfterThePlanSawItRunningIsLeftAsItIs(TestWorkflowEnvironment env, Worker worker) {
    JobStep<ProtectionStep> stop =
        stopStepAfterAChangeToTheVm(
            Scenario.TargetVm.Running,
            env,
            worker,
            vm -> fixture.azure.compute().powerOff(SOMEONE, vm.resourceGroup(), vm.name()));

    assertThat(fixture.jobLog())
        .extracting(ActivityLogEntry::operation)
        .noneMatch(operation -> operation.endsWith("powerOff/action"));
    assertThat(stop.state()).isEqualTo(StepState.Skipped);
    assertThat(stop.detail()).contains("already stopped");
  }

  /**
   * Runs the job on a target VM the plan sees {@code planned}, which {@code change} acts on once
   * the plan is made; returns the job's stop step.
   */
  private JobStep<ProtectionStep> stopStepAfterAChangeToTheVm(
      Scenario.TargetVm planned,
      TestWorkflowEnvironment env,
      Worker worker,
      Consumer<TargetVmPlan> change) {
    fixture = new ReprotectFixture(ReprotectFixture.scenario().targetVm(planned).build());
    UnaryOperator<Object> thenChange =
        planning -> new ChangeAfterThePlan((ReprotectPlanning) planning, change);
    fixture.register(env, worker, fixture.azure, Map.of(ReprotectPlanningImpl.class, thenChange));
    env.start();
    assertThat(fixture.newWorkflow(env.getWorkflowClient()).reprotect(fixture.request()).state())
        .isEqualTo("Protected");
    assertThat(
            fixture
                .azure
                .compute()
                .virtualMachine(fixture.item().target().resourceGroup(), fixture.scenario.vm()))
        .isEmpty();
    return fixture.newWorkflowStubForQuery(env.getWorkflowClient()).job().steps().stream()
        .filter(step -> step.step() == ProtectionStep.StopTargetVm)
        .findFirst()
        .orElseThrow();
  }

  /** The planning activity, after which someone else changes the target VM. */
  private static final class ChangeAfterThePlan implements ReprotectPlanning {
    private final ReprotectPlanning planning;
    private final Consumer<TargetVmPlan> change;

    ChangeAfterThePlan(ReprotectPlanning planning, Consumer<TargetVmPlan> change) {
      this.planning = planning;
      this.change = change;
    }

    @Override
    public ProtectionPlan plan(ReprotectRequest request) {
      ProtectionPlan plan = planning.plan(request);
      change.accept(plan.targetVm());
      return plan;
    }
  }

  /**
   * Long operations at a pace set on the test server's clock: each is still running for its first
   * {@code runningPolls} polls, and every one of them moves the clock by {@code step}.
   */
  private static final class PacedOperations extends ShapedOperations {
    private final TestWorkflowEnvironment env;
    private final int runningPolls;
    private final Duration step;
    private final Map<String, Integer> polls = new ConcurrentHashMap<>();

    PacedOperations(
        LongOperationsApi backend, TestWorkflowEnvironment env, int runningPolls, Duration step) {
      super(backend);
      this.env = env;
      this.runningPolls = runningPolls;
      this.step = step;
    }

    int slowOperations() {
      return (int) polls.values().stream().filter(count -> count >= runningPolls).count();
    }

    @Override
    public LongOperation.State state(LongOperation operation) {
      int poll = polls.merge(operation.id(), 1, Integer::sum);
      if (poll <= runningPolls) {
        env.sleep(step);
        return LongOperation.State.Running;
      }
      return super.state(operation);
    }
  }

  /** The first copy begun fails transiently (a throttled request, say). */
  private static final class FirstCopyFails extends ShapedOperations {
    private final AtomicReference<BlobRef> failed = new AtomicReference<>();
    private final Set<BlobRef> begun = ConcurrentHashMap.newKeySet();

    FirstCopyFails(LongOperationsApi backend) {
      super(backend);
    }

    Set<BlobRef> begunCopies() {
      return begun;
    }

    @Override
    public LongOperation beginCopyBlob(Caller caller, BlobRef from, BlobRef to) {
      if (failed.compareAndSet(null, to)) {
        throw new AzureException(AzureErrorCode.TooManyRequests, "throttled: " + to);
      }
      begun.add(to);
      return super.beginCopyBlob(caller, from, to);
    }
  }

  /** Deletions of VMs refused as a conflict until {@link #allow}. */
  private static final class DeletionRefused extends ShapedOperations {
    private volatile boolean refused = true;

    DeletionRefused(LongOperationsApi backend) {
      super(backend);
    }

    void allow() {
      refused = false;
    }

    @Override
    public LongOperation beginDeleteVirtualMachine(
        Caller caller, String resourceGroup, String name) {
      if (refused) {
        throw new AzureException(AzureErrorCode.Conflict, "a lock forbids deleting " + name);
      }
      return super.beginDeleteVirtualMachine(caller, resourceGroup, name);
    }
  }

  /** Deletions of VMs held running until {@code release} says they may end. */
  private static final class DeletionHeld extends ShapedOperations {
    private final BooleanSupplier release;
    private final Set<String> deletions = ConcurrentHashMap.newKeySet();
    private final AtomicInteger pollsWhileHeld = new AtomicInteger();

    DeletionHeld(LongOperationsApi backend, BooleanSupplier release) {
      super(backend);
      this.release = release;
    }

    int pollsWhileHeld() {
      return pollsWhileHeld.get();
    }

    @Override
    public LongOperation beginDeleteVirtualMachine(
        Caller caller, String resourceGroup, String name) {
      LongOperation operation = super.beginDeleteVirtualMachine(caller, resourceGroup, name);
      deletions.add(String.valueOf(operation.id()));
      return operation;
    }

    @Override
    public LongOperation.State state(LongOperation operation) {
      if (deletions.contains(operation.id()) && !release.getAsBoolean()) {
        pollsWhileHeld.incrementAndGet();
        return LongOperation.State.Running;
      }
      return super.state(operation);
    }
  }

  /** The backend's long operations, but for what a subclass reshapes. */
  private abstract static class ShapedOperations implements LongOperationsApi {
    private final LongOperationsApi backend;

    ShapedOperations(LongOperationsApi backend) {
      this.backend = backend;
    }

    @Override
    public LongOperation beginDeleteVirtualMachine(
        Caller caller, String resourceGroup, String name) {
      return backend.beginDeleteVirtualMachine(caller, resourceGroup, name);
    }

    @Override
    public LongOperation beginCopyBlob(Caller caller, BlobRef from, BlobRef to) {
      return backend.beginCopyBlob(caller, from, to);
    }

    @Override
    public LongOperation.State state(LongOperation operation) {
      return backend.state(operation);
    }
  }
}
