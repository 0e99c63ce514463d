package dev.reprotect.workflows.reprotect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.name.Names;
import dev.reprotect.activities.Customization;
import dev.reprotect.activities.RegisteredActivities;
import dev.reprotect.activities.ReprotectRequest;
import dev.reprotect.activities.replication.ReplicationCycleActivitiesImpl;
import dev.reprotect.activities.scrub.ScrubActivitiesImpl;
import dev.reprotect.activities.sync.InitialSyncActivitiesImpl;
import dev.reprotect.azure.ActivityLogEntry;
import dev.reprotect.azure.AzureBackend;
import dev.reprotect.azure.ReplicatedItem;
import dev.reprotect.azure.sim.Scenario;
import dev.reprotect.azure.sim.SimulatedAzure;
import dev.reprotect.workflows.RegisteredWorkflows;
import dev.reprotect.workflows.ReprotectSearchAttributes;
import dev.reprotect.workflows.SearchAttributeDefinitions;
import dev.reprotect.workflows.TaskQueues;
import dev.reprotect.workflows.WorkflowIds;
import dev.reprotect.workflows.failover.ReplicationStopActivitiesImpl;
import dev.reprotect.workflows.reconcile.ReplicationSweepActivitiesImpl;
import dev.reprotect.workflows.replication.ReplicationStatus;
import dev.reprotect.workflows.replication.ReplicationWorkflow;
import dev.reprotect.workflows.resume.ReplicationLaunchActivitiesImpl;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.PendingActivityState;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.workflow.v1.PendingActivityInfo;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.SearchAttributes;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/**
 * A seeded simulator and the activities over it, for workflow tests (the replication package's
 * end-to-end tests too): small blocks and short sync ranges, so that a disk of a few MiB has many
 * blocks and several heartbeats.
 */
public final class ReprotectFixture implements AutoCloseable {
  public static final int BLOCK_SIZE = 64 * 1024;
  public static final int BLOCKS_PER_RANGE = 16;
  public static final long DISK_SIZE = 8L << 20;
  public static final String SYNC_DISK = "SyncDisk";

  /** Real time: a cycle of the test scenarios ends within seconds once it has begun. */
  private static final Duration IDLE_BOUND = Duration.ofMinutes(1);

  public final Scenario scenario;
  public final SimulatedAzure azure;
  private String taskQueue;

  public ReprotectFixture(Scenario scenario) {
    this.scenario = scenario;
    this.azure = SimulatedAzure.seeded(scenario, BLOCK_SIZE);
  }

  public static Scenario.Builder scenario() {
    return Scenario.builder().diskSizeBytes(DISK_SIZE).dataDisks(1);
  }

  /** The test environment with the workflows registered and the search attributes known. */
  public static TestWorkflowExtension temporal() {
    return temporalBuilder().build();
  }

  public static TestWorkflowExtension.Builder temporalBuilder() {
    TestWorkflowExtension.Builder builder =
        TestWorkflowExtension.newBuilder()
            .registerWorkflowImplementationTypes(
                RegisteredWorkflows.IMPLEMENTATIONS.toArray(Class[]::new))
            .setDoNotStart(true);
    SearchAttributeDefinitions.all().forEach(builder::registerSearchAttribute);
    return builder;
  }

  /**
   * Registers the activities, built the way the worker builds them, on the test worker, the syncs
   * on a worker of the sync task queue and the shipments on one of the shipment queue, as the
   * worker does.
   */
  public void register(TestWorkflowEnvironment env, Worker worker) {
    register(env, worker, azure, Map.of());
  }

  /**
   * Registers the activities over {@code backend} (the fixture's simulator seen through a test's
   * lens), each implementation of a class {@code decorators} maps wrapped by its decorator.
   */
  public void register(
      TestWorkflowEnvironment env,
      Worker worker,
      AzureBackend backend,
      Map<Class<?>, UnaryOperator<Object>> decorators) {
    taskQueue = worker.getTaskQueue();
    Injector injector =
        Guice.createInjector(
            binder -> {
              binder.bind(AzureBackend.class).toInstance(backend);
              binder
                  .bindConstant()
                  .annotatedWith(Names.named(InitialSyncActivitiesImpl.BLOCKS_PER_RANGE))
                  .to(BLOCKS_PER_RANGE);
            });
    Function<Class<?>, Object> built =
        type ->
            decorators
                .getOrDefault(type, UnaryOperator.identity())
                .apply(injector.getInstance(type));
    worker.registerActivitiesImplementations(
        RegisteredActivities.IMPLEMENTATIONS.stream().map(built).toArray());
    worker.registerActivitiesImplementations(
        new ReplicationLaunchActivitiesImpl(env.getWorkflowClient()),
        new ReplicationSweepActivitiesImpl(env.getWorkflowClient()),
        new ReplicationStopActivitiesImpl(env.getWorkflowClient()));
    env.newWorker(TaskQueues.syncQueueOf(taskQueue))
        .registerActivitiesImplementations(
            injector.getInstance(InitialSyncActivitiesImpl.class),
            built.apply(ScrubActivitiesImpl.class));
    env.newWorker(TaskQueues.shipmentQueueOf(taskQueue))
        .registerActivitiesImplementations(built.apply(ReplicationCycleActivitiesImpl.class));
  }

  /**
   * Registers the activities over {@code backend}, starts the environment and reprotects the
   * scenario's VM, whose replication then runs.
   */
  public WorkflowClient protect(TestWorkflowEnvironment env, Worker worker, AzureBackend backend) {
    register(env, worker, backend, Map.of());
    env.start();
    WorkflowClient client = env.getWorkflowClient();
    newWorkflow(client).reprotect(request());
    return client;
  }

  /**
   * {@link #protect}, then the replication is ended, so that no cycle changes the item's points and
   * cuts under the test.
   */
  public WorkflowClient protectedWithoutReplication(
      TestWorkflowEnvironment env, Worker worker, AzureBackend backend) {
    WorkflowClient client = protect(env, worker, backend);
    client
        .newUntypedWorkflowStub(WorkflowIds.replication(scenario.vault(), scenario.vm()))
        .terminate("ended by the test");
    return client;
  }

  public ReprotectRequest request() {
    return ReprotectRequest.of(scenario.vault(), scenario.vm());
  }

  String workflowId() {
    return WorkflowIds.reprotect(scenario.vault(), scenario.vm());
  }

  /** A request for the scenario's item with customised target resources. */
  ReprotectRequest request(Customization customization) {
    return new ReprotectRequest(scenario.vault(), scenario.vm(), customization);
  }

  public ReprotectWorkflow newWorkflow(WorkflowClient client) {
    return newWorkflow(client, workflowId());
  }

  /** A stub of a reprotect of the scenario's item under another workflow id. */
  ReprotectWorkflow newWorkflow(WorkflowClient client, String workflowId) {
    return client.newWorkflowStub(ReprotectWorkflow.class, jobOptions(workflowId));
  }

  /**
   * The options of a job on the scenario's item: the test worker's queue, the item's attributes.
   */
  public WorkflowOptions jobOptions(String workflowId) {
    return WorkflowOptions.newBuilder()
        .setWorkflowId(workflowId)
        .setTaskQueue(taskQueue)
        .setTypedSearchAttributes(
            SearchAttributes.newBuilder()
                .set(ReprotectSearchAttributes.VM_NAME, scenario.vm())
                .set(ReprotectSearchAttributes.VAULT, scenario.vault())
                .build())
        .build();
  }

  /** A stub of the job's workflow, for its query, whether it runs or has finished. */
  public ReprotectWorkflow newWorkflowStubForQuery(WorkflowClient client) {
    return client.newWorkflowStub(ReprotectWorkflow.class, workflowId());
  }

  /** The first failure of the cause chain (outermost first) that has the given type. */
  public static Optional<ApplicationFailure> applicationFailure(Throwable thrown, String type) {
    for (Throwable t = thrown; t != null; t = t.getCause()) {
      if (t instanceof ApplicationFailure failure && type.equals(failure.getType())) {
        return Optional.of(failure);
      }
    }
    return Optional.empty();
  }

  /**
   * Cancels the job from inside the sync's first transfer, then holds that transfer until the
   * service has recorded the sync's cancellation; true once it has. So a scenario of one disk: a
   * second sync is not held (see {@link #cancelOnCall}).
   */
  AtomicBoolean cancelDuringTheFirstTransfer(TestWorkflowEnvironment env) {
    return cancelOnCall(env, workflowId(), "transferBlocks", 1, SYNC_DISK);
  }

  /**
   * Cancels job {@code workflowId} just before call {@code call} of the backend's {@code operation}
   * is applied, then holds that call until the service has recorded the cancellation of the job's
   * pending {@code activityType}; true once it has. Without the wait, the workflow task that asks
   * for the cancellation races with the activity finishing on its own; when it finishes inside that
   * workflow task, the time-skipping test server rejects the task (sdk-java#2391) and the workflow
   * hangs. So a scenario of one disk: another activity of the type is not held.
   */
  public AtomicBoolean cancelOnCall(
      TestWorkflowEnvironment env,
      String workflowId,
      String operation,
      int call,
      String activityType) {
    AtomicBoolean recorded = new AtomicBoolean();
    azure
        .faults()
        .onCall(
            operation,
            call,
            () -> {
              env.getWorkflowClient().newUntypedWorkflowStub(workflowId).cancel();
              recorded.set(
                  await(
                      Duration.ofSeconds(30),
                      () ->
                          pendingStates(env, workflowId, activityType)
                              .contains(
                                  PendingActivityState.PENDING_ACTIVITY_STATE_CANCEL_REQUESTED)));
            });
    return recorded;
  }

  private Set<PendingActivityState> pendingStates(
      TestWorkflowEnvironment env, String workflowId, String activityType) {
    return describe(env, workflowId).getPendingActivitiesList().stream()
        .filter(activity -> activity.getActivityType().getName().equals(activityType))
        .map(PendingActivityInfo::getState)
        .collect(Collectors.toSet());
  }

  /**
   * Whether workflow {@code workflowId} still runs, asked without waiting on it: a wait on its
   * result would let the test server skip time.
   */
  public static boolean isRunning(TestWorkflowEnvironment env, String workflowId) {
    return describe(env, workflowId).getWorkflowExecutionInfo().getStatus()
        == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;
  }

  /**
   * Starts a job with {@code start} and returns its result once workflow {@code workflowId} has
   * ended, polled within {@code bound} of real time: a job that stops a replication must not let
   * the test server skip time meanwhile, or the replication's cycle timer fires in the workflow
   * task in which the stop cancels it, which the test server refuses (sdk-java#2606; a real server
   * drops the buffered fire).
   */
  public static <R> R runPolled(
      TestWorkflowEnvironment env,
      String workflowId,
      Duration bound,
      Runnable start,
      Class<R> result) {
    start.run();
    if (!await(bound, () -> !isRunning(env, workflowId))) {
      throw new AssertionError(
          "the job "
              + workflowId
              + " did not end within "
              + bound
              + "; the test server's histories:\n"
              + env.getDiagnostics());
    }
    return env.getWorkflowClient().newUntypedWorkflowStub(workflowId).getResult(result);
  }

  /**
   * Stops the replication of {@code vm} once it is idle (see {@link #awaitReplicationIdle}), and
   * returns its status at the stop.
   */
  public static ReplicationStatus stopReplication(
      TestWorkflowEnvironment env, String vault, String vm) {
    awaitReplicationIdle(env, vault, vm);
    return env.getWorkflowClient()
        .newWorkflowStub(ReplicationWorkflow.class, WorkflowIds.replication(vault, vm))
        .stop();
  }

  /**
   * Waits until the replication of {@code vm}, if it runs, waits on nothing but its timers: no
   * activity open and no workflow task due, read from its history. A stop (a test's, or a job's)
   * must not reach it in the workflow task that delivers its shipment's completion: the stop
   * cancels the shipment there, and the test server refuses the cancel of an activity it has closed
   * and leaves the task started for ever (sdk-java#2391; a real server accepts it). Time skipping
   * is locked meanwhile, so its 5-minute timers cannot wake it in a test's seconds.
   */
  public static void awaitReplicationIdle(TestWorkflowEnvironment env, String vault, String vm) {
    String workflowId = WorkflowIds.replication(vault, vm);
    if (!await(IDLE_BOUND, () -> isIdle(env, workflowId))) {
      throw new AssertionError(
          workflowId
              + " was not idle within "
              + IDLE_BOUND
              + "; the test server's histories:\n"
              + env.getDiagnostics());
    }
  }

  private static boolean isIdle(TestWorkflowEnvironment env, String workflowId) {
    List<HistoryEvent> events;
    try {
      events = env.getWorkflowClient().fetchHistory(workflowId).getEvents();
    } catch (StatusRuntimeException notFound) {
      if (notFound.getStatus().getCode() == Status.Code.NOT_FOUND) {
        return true;
      }
      throw notFound;
    }
    if (!isRunning(env, workflowId)) {
      return true;
    }
    Set<Long> openActivities = new HashSet<>();
    EventType lastWorkflowTask = null;
    for (HistoryEvent event : events) {
      switch (event.getEventType()) {
        case EVENT_TYPE_ACTIVITY_TASK_SCHEDULED -> openActivities.add(event.getEventId());
        case EVENT_TYPE_ACTIVITY_TASK_COMPLETED ->
            openActivities.remove(
                event.getActivityTaskCompletedEventAttributes().getScheduledEventId());
        case EVENT_TYPE_ACTIVITY_TASK_FAILED ->
            openActivities.remove(
                event.getActivityTaskFailedEventAttributes().getScheduledEventId());
        case EVENT_TYPE_ACTIVITY_TASK_TIMED_OUT ->
            openActivities.remove(
                event.getActivityTaskTimedOutEventAttributes().getScheduledEventId());
        case EVENT_TYPE_ACTIVITY_TASK_CANCELED ->
            openActivities.remove(
                event.getActivityTaskCanceledEventAttributes().getScheduledEventId());
        case EVENT_TYPE_WORKFLOW_TASK_SCHEDULED,
            EVENT_TYPE_WORKFLOW_TASK_STARTED,
            EVENT_TYPE_WORKFLOW_TASK_COMPLETED,
            EVENT_TYPE_WORKFLOW_TASK_FAILED,
            EVENT_TYPE_WORKFLOW_TASK_TIMED_OUT ->
            lastWorkflowTask = event.getEventType();
        default -> {}
      }
    }
    return openActivities.isEmpty()
        && lastWorkflowTask == EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED;
  }

  private static DescribeWorkflowExecutionResponse describe(
      TestWorkflowEnvironment env, String workflowId) {
    return env.getWorkflowClient()
        .getWorkflowServiceStubs()
        .blockingStub()
        .describeWorkflowExecution(
            DescribeWorkflowExecutionRequest.newBuilder()
                .setNamespace(env.getNamespace())
                .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId))
                .build());
  }

  /**
   * Runs {@code job}, which must fail with a non-retryable failure of type {@code code} and a
   * message for people, changing nothing: the backend's state and activity log are compared.
   */
  public void assertRefusedChangingNothing(String code, ThrowingCallable job) {
    String before = azure.exportState();
    List<ActivityLogEntry> log = azure.metering().activityLog();

    WorkflowFailedException thrown = catchThrowableOfType(WorkflowFailedException.class, job);

    assertThat(thrown).as("the job is refused").isNotNull();
    ApplicationFailure failure =
        applicationFailure(thrown, code)
            .orElseThrow(() -> new AssertionError("no " + code + " in " + thrown, thrown));
    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage()).contains(" ").doesNotContain("Exception");
    assertThat(azure.exportState()).as("the backend's state").isEqualTo(before);
    assertThat(azure.metering().activityLog()).as("the activity log").isEqualTo(log);
  }

  /** Waits for a condition, polling; false if it did not hold within the timeout. */
  public static boolean await(Duration timeout, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
    }
    return true;
  }

  public ReplicatedItem item() {
    return azure.recoveryServices().replicatedItem(scenario.vault(), scenario.vm()).orElseThrow();
  }

  /** The mutating operations the job applied (the seeder's are left out). */
  List<ActivityLogEntry> jobLog() {
    return azure.metering().activityLog().stream()
        .filter(entry -> entry.correlationId().startsWith(workflowId() + "/"))
        .toList();
  }

  @Override
  public void close() {
    azure.close();
  }
}
