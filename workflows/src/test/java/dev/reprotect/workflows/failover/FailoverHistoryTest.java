package dev.reprotect.workflows.failover;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reprotect.activities.failover.FailoverRequest;
import dev.reprotect.activities.failover.PointSelector;
import dev.reprotect.azure.ProtectionState;
import dev.reprotect.workflows.HistoryReplays;
import dev.reprotect.workflows.WorkflowIds;
import dev.reprotect.workflows.reprotect.ReprotectFixture;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Records the histories of the failover's paths under {@code target/histories/} and replays them;
 * the checked-in copies ({@code histories/failover-*.v1.json}) are replayed by HistoryReplayTest
 * against every later version.
 */
class FailoverHistoryTest {
  @RegisterExtension static final TestWorkflowExtension temporal = ReprotectFixture.temporal();

  private FailoverFixture world;

  @AfterEach
  void close() {
    if (world != null) {
      world.close();
    }
  }

  @Test
  void aFailoverToTheLatestPointItsChangeOfPointAndItsCommitRecordHistoriesThatReplay(
      TestWorkflowEnvironment env, Worker worker) throws Exception {
    world = new FailoverFixture(env, worker);
    world.protect();
    String first = world.points().get(0).id();
    world.run(FailoverRequest.failover(world.vault(), world.vm(), PointSelector.LATEST, true));
    record("failover-latest-shutdown-source", env);

    world.run(FailoverRequest.changePoint(world.vault(), world.vm(), first));
    record("failover-change-point", env);

    world.run(FailoverRequest.commit(world.vault(), world.vm()));
    record("failover-commit", env);
    assertThat(world.item().state()).isEqualTo(ProtectionState.FailoverCommitted);
  }

  /** The failure path: the disks cannot be made, the item is left FailoverFailed. */
  @Test
  void aFailedFailoverRecordsAHistoryThatReplays(TestWorkflowEnvironment env, Worker worker)
      throws Exception {
    world = new FailoverFixture(env, worker);
    world.protect();

    world.failOverWithoutDisks();

    assertThat(world.item().runningOperation()).isNull();
    record("failover-failed", env);
  }

  private void record(String name, TestWorkflowEnvironment env) throws Exception {
    HistoryReplays.record(
        env.getWorkflowClient(), WorkflowIds.failover(world.vault(), world.vm()), name);
  }
}
