package dev.reprotect.workflows.disable;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reprotect.activities.disable.DisablePlan;
import dev.reprotect.activities.enable.EnableRequest;
import dev.reprotect.activities.replication.ItemRef;
import dev.reprotect.azure.sim.Scenario;
import dev.reprotect.workflows.WorkflowIds;
import dev.reprotect.workflows.enable.EnableReplicationWorkflow;
import dev.reprotect.workflows.job.Job;
import dev.reprotect.workflows.reconcile.ReconcileResult;
import dev.reprotect.workflows.reconcile.ReconcileWorkflow;
import dev.reprotect.workflows.replication.ReplicationWorkflow;
import dev.reprotect.workflows.reprotect.ReprotectFixture;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.List;

/**
 * A seeded world with the activities of every job on the test worker, the replication's stop
 * included; disables run to their end without letting the test server skip time.
 */
final class DisableFixture implements AutoCloseable {
  /**
   * Real time: a disable of the test scenarios takes seconds, its activities' retries too; within
   * the tests' timeout, so that a stuck one reports the histories.
   */
  private static final Duration DISABLE_BOUND = Duration.ofMinutes(2);

  final ReprotectFixture world;
  private final TestWorkflowEnvironment env;

  DisableFixture(TestWorkflowEnvironment env, Worker worker, Scenario scenario) {
    this.env = env;
    world = new ReprotectFixture(scenario);
    world.register(env, worker);
    env.start();
  }

  /** A world whose VM was never protected. */
  static DisableFixture unprotected(TestWorkflowEnvironment env, Worker worker) {
    return new DisableFixture(env, worker, ReprotectFixture.scenario().unprotected(true).build());
  }

  String vault() {
    return world.scenario.vault();
  }

  String vm() {
    return world.scenario.vm();
  }

  /**
   * Enables the VM and lets its replication run {@code cycles} cycles; returns the inventory from
   * before the enable, which a disable must bring back.
   */
  List<String> enableAndReplicate(long cycles) {
    List<String> beforeEnable = inventory();
    env.getWorkflowClient()
        .newWorkflowStub(
            EnableReplicationWorkflow.class, world.jobOptions(WorkflowIds.enable(vault(), vm())))
        .enable(EnableRequest.of(vault(), vm()));
    ReplicationWorkflow replication =
        env.getWorkflowClient()
            .newWorkflowStub(ReplicationWorkflow.class, WorkflowIds.replication(vault(), vm()));
    for (int minutes = 0; minutes < 30 && replication.status().cyclesRun() < cycles; minutes++) {
      env.sleep(Duration.ofMinutes(1));
    }
    assertThat(replication.status().cyclesRun())
        .as("cycles before the disable")
        .isGreaterThanOrEqualTo(cycles);
    return beforeEnable;
  }

  /**
   * Runs the disable of {@code vm} to its end; it stops a replication, so it is polled, and started
   * once that replication is idle.
   */
  DisableSummary disable(String vm) {
    String workflowId = WorkflowIds.disable(vault(), vm);
    DisableWorkflow disable =
        env.getWorkflowClient()
            .newWorkflowStub(DisableWorkflow.class, world.jobOptions(workflowId));
    ReprotectFixture.awaitReplicationIdle(env, vault(), vm);
    return ReprotectFixture.runPolled(
        env,
        workflowId,
        DISABLE_BOUND,
        () -> WorkflowClient.start(disable::disable, new ItemRef(vault(), vm)),
        DisableSummary.class);
  }

  DisableSummary disable() {
    return disable(vm());
  }

  /** One pass of the reconciler over every item of the backend. */
  ReconcileResult reconcile() {
    return env.getWorkflowClient()
        .newWorkflowStub(ReconcileWorkflow.class, world.jobOptions(WorkflowIds.reconcile()))
        .reconcile();
  }

  Job<DisableStep, DisablePlan> job() {
    return env.getWorkflowClient()
        .newWorkflowStub(DisableWorkflow.class, WorkflowIds.disable(vault(), vm()))
        .job();
  }

  /**
   * What the backend holds, one line per resource ("kind key"), sorted, without properties or
   * contents: the VM's disks change as its guest writes, the resources that hold them do not.
   */
  List<String> inventory() {
    return world
        .azure
        .exportState()
        .lines()
        .map(line -> line.split(" ", 3))
        .map(kindAndKey -> kindAndKey[0] + " " + kindAndKey[1])
        .sorted()
        .toList();
  }

  @Override
  public void close() {
    world.close();
  }
}
