package dev.reprotect.workflows.enable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.reprotect.activities.ProtectionPlan;
import dev.reprotect.azure.AzureErrorCode;
import dev.reprotect.azure.ProtectionState;
import dev.reprotect.azure.ReplicatedItem;
import dev.reprotect.workflows.HistoryReplays;
import dev.reprotect.workflows.WorkflowIds;
import dev.reprotect.workflows.job.Job;
import dev.reprotect.workflows.job.JobState;
import dev.reprotect.workflows.job.JobStep;
import dev.reprotect.workflows.job.StepState;
import dev.reprotect.workflows.reprotect.DiskSummary;
import dev.reprotect.workflows.reprotect.ProtectionStep;
import dev.reprotect.workflows.reprotect.ProtectionSummary;
import dev.reprotect.workflows.reprotect.ReprotectFixture;
import io.temporal.client.WorkflowFailedException;
import io.temporal.failure.CanceledFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The first protection of a VM: its item registered, its disks copied in full to the other region
 * (their replicas hash, read from the bytes, to the source disks'), its replication started.
 * Records the enable's histories under {@code target/histories/} and replays them.
 */
class EnableReplicationWorkflowTest {
  @RegisterExtension static final TestWorkflowExtension temporal = ReprotectFixture.temporal();

  private EnableFixture world;

  @AfterEach
  void close() {
    if (world != null) {
      world.close();
    }
  }

  @Test
  void anUnprotectedVmIsCopiedInFullAndProtectedWithItsReplicationRunning(
      TestWorkflowEnvironment env, Worker worker) throws Exception {
    world = new EnableFixture(env, worker);
    assertThat(world.world.azure.recoveryServices().replicatedItem(world.vault(), world.vm()))
        .as("no item before the enable")
        .isEmpty();
    Map<String, String> source = world.sourceDiskChecksums();

    ProtectionSummary summary = world.enable(world.request());
    world.stopReplication();
    record("enable-happy-path", env);

    ReplicatedItem item = world.world.item();
    assertThat(item.state()).isEqualTo(ProtectionState.Protected);
    assertThat(item.runningOperation()).isNull();
    assertThat(item.source().region()).isEqualTo(world.world.scenario.sourceRegion());
    assertThat(item.target().region()).isEqualTo(world.world.scenario.targetRegion());
    assertThat(item.source().network())
        .as("recorded for a failover once the VM is lost")
        .isEqualTo(world.sourceVm().networkId());
    assertThat(world.replicaChecksums())
        .as("the replicas, read from their bytes")
        .isEqualTo(source)
        .hasSize(2);
    assertThat(summary.disks()).extracting(DiskSummary::seedBytesCopied).containsOnly(0L);
    assertThat(summary.disks())
        .allSatisfy(disk -> assertThat(disk.targetChecksum()).isEqualTo(disk.sourceChecksum()));
    assertThat(world.world.azure.recoveryServices().recoveryPoints(world.vault(), world.vm()))
        .as("the first recovery point, cut 0 on the replicas")
        .isNotEmpty();

    Job<ProtectionStep, ProtectionPlan> job = world.job();
    assertThat(job.state()).isEqualTo(JobState.Succeeded);
    assertThat(job.steps())
        .filteredOn(step -> step.step() == ProtectionStep.CopySeedBlobs)
        .extracting(JobStep::state)
        .containsExactly(StepState.Skipped);
    assertThat(job.steps())
        .filteredOn(step -> step.step() == ProtectionStep.InitialSync)
        .extracting(JobStep::state)
        .containsExactly(StepState.Succeeded);
  }

  /** A failed enable leaves the item EnableFailed and unclaimed; a re-run protects it. */
  @Test
  void aFailedEnableLeavesEnableFailedAndARerunProtects(TestWorkflowEnvironment env, Worker worker)
      throws Exception {
    world = new EnableFixture(env, worker);
    Map<String, String> source = world.sourceDiskChecksums();
    int points = world.world.azure.faults().callCount("createRecoveryPoint");
    world
        .world
        .azure
        .faults()
        .failCalls("createRecoveryPoint", points + 1, 100, AzureErrorCode.ResourceNotFound);

    WorkflowFailedException failed =
        catchThrowableOfType(WorkflowFailedException.class, () -> world.enable(world.request()));

    assertThat(failed).isNotNull();
    assertThat(world.world.item().state()).isEqualTo(ProtectionState.EnableFailed);
    assertThat(world.world.item().runningOperation()).isNull();
    record("enable-failed", env);

    world.world.azure.faults().clear();
    world.enable(world.request());
    world.stopReplication();
    assertThat(world.world.item().state()).isEqualTo(ProtectionState.Protected);
    assertThat(world.replicaChecksums()).isEqualTo(source);
  }

  /**
   * A cancelled enable stops at the sync's next safe point, ends Cancelled and leaves the item
   * EnableFailed and unclaimed; a re-run protects it with replicas equal to the source. One disk:
   * see ReprotectFixture#cancelOnCall.
   */
  @Test
  void aCancelledEnableLeavesEnableFailedAndARerunProtects(
      TestWorkflowEnvironment env, Worker worker) throws Exception {
    world =
        new EnableFixture(
            env, worker, ReprotectFixture.scenario().unprotected(true).dataDisks(0).build());
    Map<String, String> source = world.sourceDiskChecksums();
    AtomicBoolean cancelRecorded =
        world.world.cancelOnCall(
            env,
            WorkflowIds.enable(world.vault(), world.vm()),
            "transferBlocks",
            1,
            ReprotectFixture.SYNC_DISK);

    WorkflowFailedException cancelled =
        catchThrowableOfType(WorkflowFailedException.class, () -> world.enable(world.request()));

    assertThat(cancelRecorded).as("the service recorded the sync's cancellation").isTrue();
    assertThat(cancelled).isNotNull();
    assertThat(cancelled.getCause()).isInstanceOf(CanceledFailure.class);
    assertThat(world.job().state()).isEqualTo(JobState.Cancelled);
    assertThat(world.world.item().state()).isEqualTo(ProtectionState.EnableFailed);
    assertThat(world.world.item().runningOperation()).isNull();
    assertThat(world.world.azure.recoveryServices().recoveryPoints(world.vault(), world.vm()))
        .as("no point from a cancelled sync")
        .isEmpty();
    record("enable-cancelled", env);

    world.enable(world.request());
    world.stopReplication();
    assertThat(world.world.item().state()).isEqualTo(ProtectionState.Protected);
    assertThat(world.replicaChecksums()).isEqualTo(source);
  }

  private void record(String name, TestWorkflowEnvironment env) throws Exception {
    HistoryReplays.record(
        env.getWorkflowClient(), WorkflowIds.enable(world.vault(), world.vm()), name);
  }
}
