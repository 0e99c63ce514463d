package dev.reprotect.workflows.replication;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reprotect.azure.RecoveryPointType;
import dev.reprotect.workflows.HistoryReplays;
import dev.reprotect.workflows.WorkflowIds;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Records the histories of the replication's paths under {@code target/histories/} and replays
 * them; the checked-in copies ({@code histories/replication-*.v1.json}) are replayed by
 * HistoryReplayTest with every other history.
 */
class ReplicationHistoryTest {
  static final Path RECORDED = Paths.get("target", "histories");

  @RegisterExtension static final TestWorkflowExtension temporal = ReplicationFixture.temporal();

  /** App-consistent cut, prune, a failed shipment, its catch-up, then a stop. */
  @Test
  void cyclesAnOutageAndAStopRecordAHistoryThatReplays(TestWorkflowEnvironment env, Worker worker)
      throws Exception {
    ReplicationFixture fixture = new ReplicationFixture(env, worker);
    fixture.backend.targetOutage(
        ReplicationFixture.START.plus(Duration.ofMinutes(15)),
        ReplicationFixture.START.plus(Duration.ofMinutes(16)));
    ReplicationInput first = ReplicationFixture.input("web-01", 0, 60);
    RecoveryPointInfo old =
        new RecoveryPointInfo(
            "web-01.old",
            ReplicationFixture.START.minus(Duration.ofHours(3)),
            RecoveryPointType.CrashConsistent,
            "web-01.old");
    ReplicationInput input =
        ReplicationInput.first(
            first.vault(),
            first.vm(),
            first.sourceRegion(),
            first.targetRegion(),
            first.runTag(),
            first.retentionDays(),
            first.appConsistentFrequencyMinutes(),
            first.lastCutId(),
            List.of(old, first.points().get(0)));
    ReplicationWorkflow workflow = fixture.start(input);
    fixture.advanceTo(Duration.ofMinutes(22));
    workflow.stop();
    record("replication-outage-and-stop", env, input.vm(), currentRunId(env, input.vm()));
  }

  /** A cycle that finds the item failed over ends the replication by itself. */
  @Test
  void anItemNoLongerProtectedEndsTheReplicationAndRecordsAHistoryThatReplays(
      TestWorkflowEnvironment env, Worker worker) throws Exception {
    ReplicationFixture fixture = new ReplicationFixture(env, worker);
    ReplicationInput input = ReplicationFixture.input("web-01", 1, 0);
    ReplicationWorkflow workflow = fixture.start(input);
    fixture.advanceTo(Duration.ofMinutes(7));
    fixture.backend.setProtection(input.vm(), "FailedOver");

    assertThat(WorkflowStub.fromTyped(workflow).getResult(ReplicationStatus.class).state())
        .isEqualTo(ReplicationState.Ended);
    record("replication-ends-when-not-protected", env, input.vm(), currentRunId(env, input.vm()));
  }

  @Test
  void aContinueAsNewRecordsTheHistoryOfEachRun(TestWorkflowEnvironment env, Worker worker)
      throws Exception {
    ReplicationFixture fixture = new ReplicationFixture(env, worker);
    ReplicationInput first = ReplicationFixture.input("web-01", 1, 0);
    ReplicationWorkflow workflow =
        fixture.start(
            new ReplicationInput(
                first.vault(),
                first.vm(),
                first.sourceRegion(),
                first.targetRegion(),
                first.runTag(),
                first.retentionDays(),
                first.appConsistentFrequencyMinutes(),
                first.lastCutId(),
                first.points(),
                null,
                2,
                0,
                0));
    String firstRun = WorkflowStub.fromTyped(workflow).getExecution().getRunId();
    fixture.advanceTo(Duration.ofMinutes(17));
    workflow.stop();
    String secondRun = currentRunId(env, first.vm());
    record("replication-continue-as-new-run1", env, first.vm(), firstRun);
    record("replication-continue-as-new-run2", env, first.vm(), secondRun);
  }

  private static String currentRunId(TestWorkflowEnvironment env, String vm) {
    return env.getWorkflowClient()
        .newUntypedWorkflowStub(WorkflowIds.replication(ReplicationFixture.VAULT, vm))
        .describe()
        .getExecution()
        .getRunId();
  }

  private static void record(String name, TestWorkflowEnvironment env, String vm, String runId)
      throws Exception {
    WorkflowClient client = env.getWorkflowClient();
    String json =
        client
            .fetchHistory(WorkflowIds.replication(ReplicationFixture.VAULT, vm), runId)
            .toJson(true);
    Files.createDirectories(RECORDED);
    Files.writeString(RECORDED.resolve(name + ".json"), json);
    HistoryReplays.replay(json, ReplicationWorkflowImpl.class);
  }
}
