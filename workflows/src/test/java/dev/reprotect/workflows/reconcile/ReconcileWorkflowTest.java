package dev.reprotect.workflows.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reprotect.workflows.HistoryReplays;
import dev.reprotect.workflows.WorkflowIds;
import dev.reprotect.workflows.replication.ReplicationState;
import dev.reprotect.workflows.replication.ReplicationWorkflow;
import dev.reprotect.workflows.reprotect.ReprotectFixture;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
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
      fixture.register(env, worker);
      env.start();
      WorkflowClient client = env.getWorkflowClient();
      fixture.newWorkflow(client).reprotect(fixture.request());
      client.newUntypedWorkflowStub(WorkflowIds.replication(fixture.scenario.vault(),
          fixture.scenario.vm())).terminate("lost");

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
    assertThat(restarted.actions()).singleElement().satisfies(action -> {
      assertThat(action.action()).isEqualTo(ReconcileActionType.Restarted);
      assertThat(action.vm()).isEqualTo(vm);
      assertThat(action.detail()).contains(WorkflowIds.replication(vault, vm));
    });
    assertThat(client.newWorkflowStub(ReplicationWorkflow.class,
        WorkflowIds.replication(vault, vm)).status().state()).isEqualTo(ReplicationState.Running);
    assertThat(again.actions()).isEmpty();
  }

  private static ReconcileResult reconcile(ReprotectFixture fixture, WorkflowClient client) {
    return client.newWorkflowStub(ReconcileWorkflow.class,
        fixture.jobOptions(WorkflowIds.reconcile())).reconcile();
  }
}
