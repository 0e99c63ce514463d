package dev.reprotect.workflows.replication;

import dev.reprotect.workflows.SearchAttributeDefinitions;
import dev.reprotect.workflows.TaskQueues;
import dev.reprotect.workflows.WorkflowIds;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A replication under test: the in-memory fake backend on the test worker and on a worker of its
 * shipment queue, a clock that starts at midnight (so clock hours are whole multiples of the
 * 5-minute cycles), and items protected by a reprotect that left cut {@code <tag>.c0} on the
 * replicas and point {@code <tag>.p0} at {@link #START}.
 */
final class ReplicationFixture {
  static final Instant START = Instant.parse("2030-01-01T00:00:00Z");
  static final String VAULT = "contoso";

  /** A held shipment's heartbeats reach the server at once, and with them a cancellation. */
  private static final WorkerOptions PROMPT_HEARTBEATS =
      WorkerOptions.newBuilder().setMaxHeartbeatThrottleInterval(Duration.ofMillis(1)).build();

  final TestWorkflowEnvironment env;
  final FakeReplicationActivities backend;
  private final String taskQueue;

  ReplicationFixture(TestWorkflowEnvironment env, Worker worker) {
    this.env = env;
    this.backend = new FakeReplicationActivities(env::currentTimeMillis);
    this.taskQueue = worker.getTaskQueue();
    worker.registerActivitiesImplementations(backend);
    env.newWorker(TaskQueues.shipmentQueueOf(taskQueue), PROMPT_HEARTBEATS)
        .registerActivitiesImplementations(backend);
    env.start();
  }

  static TestWorkflowExtension temporal() {
    TestWorkflowExtension.Builder builder =
        TestWorkflowExtension.newBuilder()
            .registerWorkflowImplementationTypes(ReplicationWorkflowImpl.class)
            .setInitialTime(START)
            .setWorkerOptions(PROMPT_HEARTBEATS)
            .setDoNotStart(true);
    SearchAttributeDefinitions.all().forEach(builder::registerSearchAttribute);
    return builder.build();
  }

  /**
   * The input reprotect would give for {@code vm}, its tag {@code vm}, its first point at START.
   */
  /** An item's first run, its cycles on the clock's marks: the tests' times are those marks. */
  static ReplicationInput input(String vm, int retentionDays, int appConsistentMinutes) {
    return ReplicationInput.first(
            VAULT,
            vm,
            "southeastasia",
            "eastasia",
            vm,
            retentionDays,
            appConsistentMinutes,
            vm + ".c0",
            List.of(
                new RecoveryPointInfo(
                    vm + ".p0",
                    START,
                    dev.reprotect.azure.RecoveryPointType.CrashConsistent,
                    vm + ".c0")))
        .withCycleOffset(0);
  }

  /** Starts the replication of {@code input}'s item, protected in the fake with its points. */
  ReplicationWorkflow start(ReplicationInput input) {
    ReplicationWorkflow workflow = protect(input);
    WorkflowClient.start(workflow::replicate, input);
    return workflow;
  }

  /**
   * Protects {@code input}'s item in the fake, with its points; returns a stub to start its
   * replication with.
   */
  ReplicationWorkflow protect(ReplicationInput input) {
    backend.protect(input.vm(), input.lastCutId(), input.points());
    return env.getWorkflowClient()
        .newWorkflowStub(
            ReplicationWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(WorkflowIds.replication(input.vault(), input.vm()))
                .setWorkflowIdConflictPolicy(
                    WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_FAIL)
                .setTaskQueue(taskQueue)
                .build());
  }

  ReplicationWorkflow workflow(String vm) {
    return env.getWorkflowClient()
        .newWorkflowStub(ReplicationWorkflow.class, WorkflowIds.replication(VAULT, vm));
  }

  /**
   * Runs to the third cycle's shipment (00:15) and holds it there as {@code hold} holds the fake's
   * shipments, while the clock goes on towards 00:16 on a thread of its own (the thread returned,
   * to join once the shipment is released or cancelled).
   */
  Thread holdTheThirdShipment(Runnable hold) throws InterruptedException {
    advanceTo(Duration.ofMinutes(12));
    hold.run();
    Thread advance = new Thread(() -> advanceTo(Duration.ofMinutes(16)));
    advance.start();
    backend.awaitShipmentHeld();
    return advance;
  }

  /** Lets simulated time pass up to {@code START + sinceStart}. */
  void advanceTo(Duration sinceStart) {
    Duration left =
        Duration.between(Instant.ofEpochMilli(env.currentTimeMillis()), START.plus(sinceStart));
    if (!left.isNegative()) {
      env.sleep(left);
    }
  }
}
