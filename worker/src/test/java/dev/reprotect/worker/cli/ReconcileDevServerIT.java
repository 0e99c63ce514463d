package dev.reprotect.worker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reprotect.worker.Await;
import dev.reprotect.worker.ReconcileSchedule;
import dev.reprotect.workflows.WorkflowIds;
import dev.reprotect.workflows.reprotect.ProtectionSummary;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.schedules.ScheduleClient;
import io.temporal.client.schedules.ScheduleHandle;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reconciler on a real Temporal dev server, with a `reprotect worker` process and a `sim`
 * service: a terminated replication is restarted by `reprotect reconcile`, and again by the
 * schedule the worker created (triggered here rather than awaited for 5 minutes).
 */
class ReconcileDevServerIT {
  private static final String VM = "web-01";
  private static final String VAULT = "contoso";
  private static final String REPLICATION = WorkflowIds.replication(VAULT, VM);

  @TempDir Path dir;

  private DevServerWorld world;

  @BeforeEach
  void startAll() throws Exception {
    world = DevServerWorld.start(dir, SimProcess.killableMidSync("60"));
  }

  @AfterEach
  void stopAll() throws Exception {
    world.stop();
  }

  @Test
  void aTerminatedReplicationIsRestartedByReconcileAndByTheWorkersSchedule() throws Exception {
    WorkflowClient client = world.temporal.client();
    ScheduleHandle schedule =
        ScheduleClient.newInstance(client.getWorkflowServiceStubs())
            .getHandle(ReconcileSchedule.ID);
    Await.until("the worker has created its schedule", () -> exists(schedule));
    assertThat(schedule.describe().getSchedule().getSpec().getIntervals()).hasSize(1);
    // No pass of its own between the termination and the CLI's: the CLI's would find nothing.
    schedule.pause("the test triggers it");
    PackagedCli.Result started = world.cli("start", VM, "--vault", VAULT, "--json");
    assertThat(started.exit()).as(started.stderr()).isZero();
    client
        .newUntypedWorkflowStub(WorkflowIds.reprotect(VAULT, VM))
        .getResult(3, TimeUnit.MINUTES, ProtectionSummary.class);
    Await.until("the replication runs", this::replicationRuns);
    client.newUntypedWorkflowStub(REPLICATION).terminate("lost, as in issue 19");

    PackagedCli.Result reconciled = world.cli("reconcile", "--json");

    assertThat(reconciled.exit()).as(reconciled.stdout() + reconciled.stderr()).isZero();
    JsonNode result = new ObjectMapper().readTree(reconciled.stdout());
    assertThat(result.get("listedRunning").asBoolean()).as("the dev server lists").isTrue();
    // The item was never scrubbed, so the same pass starts its first scrub.
    assertThat(result.get("actions"))
        .extracting(action -> action.get("action").asText())
        .containsExactlyInAnyOrder("Restarted", "ScrubStarted");
    assertThat(result.get("actions"))
        .allSatisfy(action -> assertThat(action.get("vm").asText()).isEqualTo(VM));
    assertThat(replicationRuns()).isTrue();
    assertThat(
            new ObjectMapper().readTree(world.cli("reconcile", "--json").stdout()).get("actions"))
        .extracting(action -> action.get("action").asText())
        .as("no second restart")
        .doesNotContain("Restarted");

    client.newUntypedWorkflowStub(REPLICATION).terminate("lost again");
    schedule.unpause("the test's last pass");
    schedule.trigger();
    Await.until("the schedule's pass restarts it", this::replicationRuns);
  }

  private static boolean exists(ScheduleHandle schedule) {
    try {
      schedule.describe();
      return true;
    } catch (RuntimeException notYet) {
      return false;
    }
  }

  private boolean replicationRuns() {
    return world.temporal.client().newUntypedWorkflowStub(REPLICATION).describe().getStatus()
        == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;
  }
}
