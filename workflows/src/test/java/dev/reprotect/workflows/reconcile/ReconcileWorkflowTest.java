package dev.reprotect.workflows.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reprotect.activities.replication.ItemRef;
import dev.reprotect.azure.Caller;
import dev.reprotect.azure.ReplicatedItem;
import dev.reprotect.azure.ReplicationPolicy;
import dev.reprotect.azure.ScrubOutcome;
import dev.reprotect.azure.ScrubRecord;
import dev.reprotect.workflows.HistoryReplays;
import dev.reprotect.workflows.WorkflowIds;
import dev.reprotect.workflows.replication.ReplicationState;
import dev.reprotect.workflows.replication.ReplicationWorkflow;
import dev.reprotect.workflows.reprotect.ReprotectFixture;
import dev.reprotect.workflows.scrub.ScrubResult;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The reconciler restarts what was lost, once, and then finds nothing to do. */
class ReconcileWorkflowTest {
  @RegisterExtension static final TestWorkflowExtension temporal = ReprotectFixture.temporal();

  @Test
  void aTerminatedReplicationIsRestartedOnceAndAnUnprotectedItemIsLeftAlone(
      TestWorkflowEnvironment env, Worker worker) {
    try (ReprotectFixture fixture = new ReprotectFixture(ReprotectFixture.scenario().build())) {
      fixture.register(env, worker);
      env.start();
      aTerminatedReplicationIsRestartedOnce(fixture, env.getWorkflowClient());
    }
  }

  /**
   * Records the history of a pass that restarts a lost replication under {@code target/histories/},
   * and replays it; the checked-in copies ({@code histories/reconcile-*.json}) are replayed by
   * HistoryReplayTest.
   */
  @Test
  void aPassThatRestartsAReplicationRecordsAHistoryThatReplays(
      TestWorkflowEnvironment env, Worker worker) throws Exception {
    try (ReprotectFixture fixture = new ReprotectFixture(ReprotectFixture.scenario().build())) {
      WorkflowClient client = fixture.protectedWithoutReplication(env, worker, fixture.azure);

      reconcile(fixture, client);

      HistoryReplays.record(client, WorkflowIds.reconcile(), "reconcile-restarts-a-replication");
    }
  }

  private static void aTerminatedReplicationIsRestartedOnce(
      ReprotectFixture fixture, WorkflowClient client) {
    String vault = fixture.scenario.vault();
    String vm = fixture.scenario.vm();
    ReconcileResult beforeProtection = reconcile(fixture, client);
    assertThat(beforeProtection.items()).isEqualTo(1);
    assertThat(beforeProtection.replicating()).isZero();
    assertThat(beforeProtection.actions()).isEmpty();
    fixture.newWorkflow(client).reprotect(fixture.request());
    client.newUntypedWorkflowStub(WorkflowIds.replication(vault, vm)).terminate("lost");

    ReconcileResult restarted = reconcile(fixture, client);
    ReconcileResult again = reconcile(fixture, client);

    assertThat(restarted.replicating()).isEqualTo(1);
    assertThat(restarted.actions())
        .filteredOn(action -> action.action() == ReconcileActionType.Restarted)
        .singleElement()
        .satisfies(
            action -> {
              assertThat(action.action()).isEqualTo(ReconcileActionType.Restarted);
              assertThat(action.vm()).isEqualTo(vm);
              assertThat(action.detail()).contains(WorkflowIds.replication(vault, vm));
            });
    assertThat(
            client
                .newWorkflowStub(ReplicationWorkflow.class, WorkflowIds.replication(vault, vm))
                .status()
                .state())
        .isEqualTo(ReplicationState.Running);
    assertThat(again.actions()).isEmpty();
  }

  @Test
  void aScrubIsStartedWhenItsIntervalHasPassedAndNotBeforeNorWhenThePolicySaysNever(
      TestWorkflowEnvironment env, Worker worker) {
    try (ReprotectFixture fixture = new ReprotectFixture(ReprotectFixture.scenario().build())) {
      WorkflowClient client = fixture.protect(env, worker, fixture.azure);
      ItemRef item = new ItemRef(fixture.scenario.vault(), fixture.scenario.vm());
      // The longest interval: the test server skips time while the replication waits for its
      // next cycle, days of it in a second of a loaded machine.
      scrubEvery(fixture, ReplicationPolicy.MAX_SCRUB_INTERVAL_DAYS);
      Instant now = Instant.ofEpochMilli(env.currentTimeMillis());
      scrubbedAt(fixture, now);

      ReconcileResult notDue = reconcile(fixture, client);

      scrubbedAt(fixture, now.minus(Duration.ofDays(ReplicationPolicy.MAX_SCRUB_INTERVAL_DAYS)));
      ReconcileResult due = reconcile(fixture, client);
      ScrubResult scrubbed =
          client
              .newUntypedWorkflowStub(WorkflowIds.scrub(item.vault(), item.vm()))
              .getResult(ScrubResult.class);
      ReconcileResult justScrubbed = reconcile(fixture, client);
      ScrubRecord recorded = fixture.item().lastScrub();
      scrubEvery(fixture, 0);
      scrubbedAt(fixture, now.minus(Duration.ofDays(ReplicationPolicy.MAX_SCRUB_INTERVAL_DAYS)));
      ReconcileResult off = reconcile(fixture, client);

      assertThat(notDue.actions()).isEmpty();
      assertThat(due.actions())
          .singleElement()
          .satisfies(
              action -> {
                assertThat(action.action()).isEqualTo(ReconcileActionType.ScrubStarted);
                assertThat(action.detail()).contains(WorkflowIds.scrub(item.vault(), item.vm()));
              });
      assertThat(scrubbed.outcome()).isEqualTo(ScrubOutcome.Passed);
      assertThat(recorded.pointId()).as("the scrub's own record").isEqualTo(scrubbed.pointId());
      assertThat(recorded.time()).isAfterOrEqualTo(now);
      assertThat(justScrubbed.actions()).isEmpty();
      assertThat(off.actions()).as("a policy that never scrubs").isEmpty();
    }
  }

  /** Sets the scrub interval of the fixture's item's policy. */
  private static void scrubEvery(ReprotectFixture fixture, int days) {
    ReplicatedItem item = fixture.item();
    ReplicationPolicy policy = item.policy();
    fixture
        .azure
        .recoveryServices()
        .putReplicatedItem(
            Caller.of("test"),
            new ReplicatedItem(
                item.vault(),
                item.name(),
                item.primary(),
                item.recovery(),
                item.activeLocation(),
                item.state(),
                new ReplicationPolicy(
                    policy.name(),
                    policy.retentionDays(),
                    policy.appConsistentFrequencyMinutes(),
                    days),
                item.cacheStorageAccount(),
                item.replicaDisks(),
                item.runningOperation(),
                item.failoverCommitted(),
                item.migrationCompleted(),
                item.reprotectCycles(),
                item.testFailoverLive(),
                item.pinnedRecoveryPoint(),
                item.replicaCuts(),
                item.lastScrub()));
  }

  /** Records a passed scrub at {@code time} on the fixture's item. */
  private static void scrubbedAt(ReprotectFixture fixture, Instant time) {
    fixture
        .azure
        .recoveryServices()
        .recordScrub(
            Caller.of("test"),
            fixture.scenario.vault(),
            fixture.scenario.vm(),
            new ScrubRecord(time, ScrubOutcome.Passed, null, 0, 0, "test"));
  }

  private static ReconcileResult reconcile(ReprotectFixture fixture, WorkflowClient client) {
    return client
        .newWorkflowStub(ReconcileWorkflow.class, fixture.jobOptions(WorkflowIds.reconcile()))
        .reconcile();
  }
}
