package dev.reprotect.workflows.disable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reprotect.activities.disable.DisablePlan;
import dev.reprotect.azure.AzureErrorCode;
import dev.reprotect.azure.ProtectionState;
import dev.reprotect.azure.ReplicatedItem;
import dev.reprotect.workflows.HistoryReplays;
import dev.reprotect.workflows.WorkflowIds;
import dev.reprotect.workflows.job.Job;
import dev.reprotect.workflows.job.JobState;
import dev.reprotect.workflows.job.JobStep;
import dev.reprotect.workflows.job.StepState;
import dev.reprotect.workflows.reprotect.ReprotectFixture;
import io.temporal.client.WorkflowFailedException;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A VM enabled, replicated for a few cycles, then disabled: the backend holds again exactly what it
 * held before the enable, the VM and its disks included, and nothing of the protection. Records the
 * disable's histories under {@code target/histories/} and replays them.
 */
class DisableWorkflowTest {
  @RegisterExtension static final TestWorkflowExtension temporal = ReprotectFixture.temporal();

  @AutoClose private DisableFixture world;

  @Test
  void aDisableLeavesTheInventoryOfBeforeTheEnable(TestWorkflowEnvironment env, Worker worker)
      throws Exception {
    world = DisableFixture.unprotected(env, worker);
    List<String> beforeEnable = world.enableAndReplicate(2);
    ReplicatedItem protectedItem = world.world.item();
    assertThat(protectedItem.createdByProtection())
        .as("what the enable recorded as made by it")
        .isNotEmpty();
    assertThat(world.inventory())
        .as("the protection's resources and blobs")
        .isNotEqualTo(beforeEnable);

    DisableSummary summary = world.disable();
    HistoryReplays.record(
        env.getWorkflowClient(),
        WorkflowIds.disable(world.vault(), world.vm()),
        "disable-happy-path");

    assertThat(world.inventory()).as("the backend's inventory").isEqualTo(beforeEnable);
    assertThat(world.world.azure.recoveryServices().replicatedItem(world.vault(), world.vm()))
        .isEmpty();
    assertThat(summary.recoveryPoints()).isPositive();
    assertThat(summary.cutSnapshots()).isPositive();
    assertThat(summary.replicas()).isEqualTo(protectedItem.replicaDisks().size());
    assertThat(summary.resourcesDeleted())
        .containsExactlyInAnyOrderElementsOf(protectedItem.createdByProtection());
    assertThat(summary.resourcesKept()).isEmpty();
    Job<DisableStep, DisablePlan> job = world.job();
    assertThat(job.state()).isEqualTo(JobState.Succeeded);
    assertThat(job.steps()).extracting(JobStep::state).containsOnly(StepState.Succeeded);
  }

  /**
   * After a committed failover the VM runs unprotected in its new region and its stale original is
   * off in the other: the item goes, and both VMs with their disks and accounts stay.
   */
  @Test
  void aCommittedFailoverIsDisabledKeepingBothVms(TestWorkflowEnvironment env, Worker worker) {
    world = new DisableFixture(env, worker, ReprotectFixture.scenario().build());
    assertThat(world.world.item().state()).isEqualTo(ProtectionState.FailoverCommitted);
    List<String> before = world.inventory();

    DisableSummary summary = world.disable();

    assertThat(world.inventory())
        .as("all but the item")
        .isEqualTo(before.stream().filter(line -> !line.startsWith("replicatedItem ")).toList())
        .hasSize(before.size() - 1);
    assertThat(summary.resourcesDeleted()).isEmpty();
  }

  /**
   * A disable that fails half-way (a lasting error on the storage account's delete, after the blobs
   * are gone) leaves the item DisableFailed and unclaimed; a re-run ends where one run without the
   * fault would have. A transient error on a blob's delete is retried within the step.
   */
  @Test
  void aDisableThatFailsHalfWayEndsCleanWhenRunAgain(TestWorkflowEnvironment env, Worker worker)
      throws Exception {
    world = DisableFixture.unprotected(env, worker);
    List<String> beforeEnable = world.enableAndReplicate(1);
    world
        .world
        .azure
        .faults()
        .failCalls(
            "deleteBlob",
            world.world.azure.faults().callCount("deleteBlob") + 2,
            1,
            AzureErrorCode.InternalServerError)
        .failCalls("deleteStorageAccount", 1, 100, AzureErrorCode.ResourceNotFound);

    assertThatThrownBy(world::disable).isInstanceOf(WorkflowFailedException.class);

    ReplicatedItem failed = world.world.item();
    assertThat(failed.state()).isEqualTo(ProtectionState.DisableFailed);
    assertThat(failed.runningOperation()).isNull();
    assertThat(world.job().state()).isEqualTo(JobState.Failed);
    HistoryReplays.record(
        env.getWorkflowClient(), WorkflowIds.disable(world.vault(), world.vm()), "disable-failed");
    assertThat(world.reconcile().actions())
        .as("the reconciler leaves a half-disabled item be")
        .isEmpty();

    world.world.azure.faults().clear();
    world.disable();

    assertThat(world.inventory()).as("the backend's inventory").isEqualTo(beforeEnable);
    assertThat(world.reconcile().actions()).as("nor does it bring a disabled one back").isEmpty();
  }
}
