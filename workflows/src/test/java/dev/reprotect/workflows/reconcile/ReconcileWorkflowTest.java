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
  @RegisterExtension
  static final TestWorkflowExtension temporal = ReprotectFixture.temporal();

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
   * Records the history of a pass that restarts a lost replication under {@code
   * target/histories/}, and replays it; the checked-in copies ({@code
   * histories/reconcile-*.json}) are replayed by HistoryReplayTest.
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

  private static void aTerminatedReplicationIsRestartedOnce(ReprotectFixture fixture,
      WorkflowClient client) {
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
    assertThat(restarted.actions()).filteredOn(action -> action.action()
        == ReconcileActionType.Restarted).singleElement().satisfies(action -> {
      assertThat(action.action()).isEqualTo(ReconcileActionType.Restarted);
      assertThat(action.vm()).isEqualTo(vm);
      assertThat(action.detail()).contains(WorkflowIds.replication(vault, vm));
    });
    assertThat(client.newWorkflowStub(ReplicationWorkflow.class,
        WorkflowIds.replication(vault, vm)).status().state()).isEqualTo(ReplicationState.Running);
    assertThat(again.actions()).isEmpty();
  }

  @Test
  void aScrubIsStartedWhenItsIntervalHasPassedAndNotBeforeNorWhenThePolicySaysNever(
      TestWorkflowEnvironment env, Worker worker) {
    try (ReprotectFixture fixture = new ReprotectFixture(ReprotectFixture.scenario().build())) {
      fixture.register(env, worker);
      env.start();
      WorkflowClient client = env.getWorkflowClient();
      fixture.newWorkflow(client).reprotect(fixture.request());
      ItemRef item = new ItemRef(fixture.scenario.vault(), fixture.scenario.vm());
      Instant now = Instant.ofEpochMilli(env.currentTimeMillis());
      scrubbedAt(fixture, now.minus(Duration.ofDays(6)));

      ReconcileResult notDue = reconcile(fixture, client);

      scrubbedAt(fixture, now.minus(Duration.ofDays(8)));
      ReconcileResult due = reconcile(fixture, client);
      ScrubResult scrubbed = client.newUntypedWorkflowStub(
          WorkflowIds.scrub(item.vault(), item.vm())).getResult(ScrubResult.class);
      ReconcileResult justScrubbed = reconcile(fixture, client);
      ScrubRecord recorded = fixture.item().lastScrub();
      ReplicatedItem never = fixture.item();
      fixture.azure.recoveryServices().putReplicatedItem(Caller.of("test"), new ReplicatedItem(
          never.vault(), never.name(), never.primary(), never.recovery(),
          never.activeLocation(), never.state(), new ReplicationPolicy(never.policy().name(),
              never.policy().retentionDays(), never.policy().appConsistentFrequencyMinutes(),
              0), never.cacheStorageAccount(), never.replicaDisks(), never.runningOperation(),
          never.failoverCommitted(), never.migrationCompleted(), never.reprotectCycles(),
          never.testFailoverLive(), never.pinnedRecoveryPoint(), null));
      ReconcileResult off = reconcile(fixture, client);

      assertThat(notDue.actions()).isEmpty();
      assertThat(due.actions()).singleElement().satisfies(action -> {
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

  /** Records a passed scrub at {@code time} on the fixture's item. */
  private static void scrubbedAt(ReprotectFixture fixture, Instant time) {
    fixture.azure.recoveryServices().recordScrub(Caller.of("test"), fixture.scenario.vault(),
        fixture.scenario.vm(), new ScrubRecord(time, ScrubOutcome.Passed, null, 0, 0, "test"));
  }

  private static ReconcileResult reconcile(ReprotectFixture fixture, WorkflowClient client) {
    return client.newWorkflowStub(ReconcileWorkflow.class,
        fixture.jobOptions(WorkflowIds.reconcile())).reconcile();
  }
}
