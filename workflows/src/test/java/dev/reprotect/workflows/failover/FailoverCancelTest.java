package dev.reprotect.workflows.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.reprotect.activities.failover.FailoverPlan;
import dev.reprotect.activities.failover.FailoverRequest;
import dev.reprotect.activities.failover.PointSelector;
import dev.reprotect.azure.BlobRef;
import dev.reprotect.azure.Caller;
import dev.reprotect.azure.PageBlob;
import dev.reprotect.azure.ProtectionState;
import dev.reprotect.azure.RecoveryPoint;
import dev.reprotect.azure.ReplicatedItem;
import dev.reprotect.azure.VmDisk;
import dev.reprotect.workflows.HistoryReplays;
import dev.reprotect.workflows.WorkflowIds;
import dev.reprotect.workflows.job.Job;
import dev.reprotect.workflows.job.JobState;
import dev.reprotect.workflows.job.StepState;
import dev.reprotect.workflows.reprotect.ReprotectFixture;
import io.temporal.client.WorkflowFailedException;
import io.temporal.failure.CanceledFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A cancelled failover or drill stops at a safe point (a disk's copy runs to its end first), ends
 * Cancelled and releases the item to its operation's failed state; a re-run then ends as an
 * uncancelled one would. One disk: see ReprotectFixture#cancelOnCall.
 */
class FailoverCancelTest {
  /** Reads done by the test itself, metered apart from any job's. */
  private static final Caller READER = Caller.of("failoverCancelTest");

  @RegisterExtension static final TestWorkflowExtension temporal = ReprotectFixture.temporal();

  private static final String CREATE_DISK = "CreateDiskFromPoint";

  private FailoverFixture world;

  @AfterEach
  void close() {
    if (world != null) {
      world.close();
    }
  }

  @Test
  void aFailoverCancelledDuringItsDiskCopyEndsProtectedAgainAndARerunBootsThePointExactly(
      TestWorkflowEnvironment env, Worker worker) throws Exception {
    ReplicatedItem protectedItem = protectOneDisk(env, worker);
    RecoveryPoint point = world.points().get(0);
    List<BlobRef> disksBefore = recoveryDisks(protectedItem);
    AtomicBoolean cancelRecorded =
        cancelDuringTheDiskCopy(env, WorkflowIds.failover(world.vault(), world.vm()));
    FailoverRequest request =
        FailoverRequest.failover(world.vault(), world.vm(), point.id(), false);

    WorkflowFailedException cancelled =
        catchThrowableOfType(WorkflowFailedException.class, () -> world.run(request));

    assertThat(cancelRecorded).as("the service recorded the copy's cancellation").isTrue();
    assertThat(cancelled).as("the job ends").isNotNull();
    assertThat(cancelled.getCause()).isInstanceOf(CanceledFailure.class);
    ReplicatedItem item = world.item();
    assertThat(item.state())
        .as("no VM was made: as before the job")
        .isEqualTo(ProtectionState.Protected);
    assertThat(item.runningOperation()).as("the claim is released").isNull();
    assertThat(item.activeLocation()).isEqualTo(protectedItem.activeLocation());
    Job<FailoverStep, FailoverPlan> job = world.job();
    assertThat(job.state()).isEqualTo(JobState.Cancelled);
    assertThat(job.errorCode()).isEqualTo("Cancelled");
    assertThat(job.errorMessage()).contains("is Protected again, as before the job");
    // The copy runs to its end either way; it reports the cancellation if a heartbeat saw it.
    assertThat(stepState(job, FailoverStep.CreateDisks))
        .as("the copy ran to its end")
        .isIn(StepState.Succeeded, StepState.Cancelled);
    assertThat(stepState(job, FailoverStep.BootVm)).isEqualTo(StepState.NotStarted);
    assertThat(recoveryVmExists(protectedItem)).as("stopped before the VM was made").isFalse();
    HistoryReplays.record(
        env.getWorkflowClient(),
        WorkflowIds.failover(world.vault(), world.vm()),
        "failover-cancelled");
    assertThat(disksMadeSince(disksBefore, protectedItem))
        .singleElement()
        .satisfies(
            disk ->
                assertThat(world.reprotect.azure.storage().checksum(READER, disk))
                    .as("never a half-copied disk")
                    .isEqualTo(point.diskChecksums().get("os")));

    FailoverSummary rerun = world.run(request);

    assertThat(rerun.state()).isEqualTo(ProtectionState.FailedOver.name());
    assertThat(world.item().state()).isEqualTo(ProtectionState.FailedOver);
    assertThat(world.activeDiskChecksums())
        .as("the booted VM's disks, read from their bytes")
        .isEqualTo(point.diskChecksums());
    assertThat(disksMadeSince(disksBefore, protectedItem))
        .as("the disk the cancelled run made is reused")
        .containsExactlyElementsOf(world.activeVm().disks().stream().map(VmDisk::vhd).toList());
  }

  @Test
  void aDrillCancelledDuringItsDiskCopyStaysRecordedUntilItsCleanupRemovesWhatItMade(
      TestWorkflowEnvironment env, Worker worker) {
    ReplicatedItem protectedItem = protectOneDisk(env, worker);
    // Named like a disk of the drill's copy, but not one: the cleanup must leave it.
    world
        .reprotect
        .azure
        .storage()
        .createPageBlob(
            Caller.of("another-vm"),
            new BlobRef(
                protectedItem.target().storageAccount(),
                "vhds",
                world.vm() + "-test-os-backup.vhd"),
            ReprotectFixture.DISK_SIZE);
    String before = world.reprotect.azure.exportState();
    AtomicBoolean cancelRecorded =
        cancelDuringTheDiskCopy(env, WorkflowIds.testFailover(world.vault(), world.vm()));

    WorkflowFailedException cancelled =
        catchThrowableOfType(
            WorkflowFailedException.class,
            () ->
                world.run(
                    FailoverRequest.testFailover(world.vault(), world.vm(), PointSelector.LATEST)));

    assertThat(cancelRecorded).isTrue();
    assertThat(cancelled.getCause()).isInstanceOf(CanceledFailure.class);
    Job<FailoverStep, FailoverPlan> job = world.testFailoverJob();
    assertThat(job.state()).isEqualTo(JobState.Cancelled);
    assertThat(job.errorMessage())
        .contains("remove what the drill made with" + " test-failover-cleanup");
    ReplicatedItem item = world.item();
    assertThat(item.state()).isEqualTo(ProtectionState.Protected);
    assertThat(item.runningOperation()).isNull();
    assertThat(item.testFailoverLive()).as("its network and disk are up").isTrue();
    world.reprotect.assertRefusedChangingNothing(
        "TestFailoverInProgress",
        () ->
            world.run(
                FailoverRequest.failover(world.vault(), world.vm(), PointSelector.LATEST, false)));

    world.run(FailoverRequest.testFailoverCleanup(world.vault(), world.vm()));

    assertThat(world.item().testFailoverLive()).isFalse();
    assertThat(world.reprotect.azure.exportState())
        .as("the backend as it was before the drill")
        .isEqualTo(before);
    assertThat(world.item()).isEqualTo(protectedItem);
  }

  /** A world of one disk, protected, its replication stopped; the item as it is then. */
  private ReplicatedItem protectOneDisk(TestWorkflowEnvironment env, Worker worker) {
    world = new FailoverFixture(env, worker, ReprotectFixture.scenario().dataDisks(0).build());
    world.protectWithoutCycles();
    return world.item();
  }

  /** Cancels job {@code workflowId} from inside the first disk copy it starts. */
  private AtomicBoolean cancelDuringTheDiskCopy(TestWorkflowEnvironment env, String workflowId) {
    int copies = world.reprotect.azure.faults().callCount("copyBlob");
    return world.reprotect.cancelOnCall(env, workflowId, "copyBlob", copies + 1, CREATE_DISK);
  }

  private static StepState stepState(Job<FailoverStep, FailoverPlan> job, FailoverStep step) {
    return job.steps().stream()
        .filter(candidate -> candidate.step() == step)
        .findFirst()
        .orElseThrow()
        .state();
  }

  /** Whether the VM the failover makes exists in the region it fails over to. */
  private boolean recoveryVmExists(ReplicatedItem protectedItem) {
    return world
        .reprotect
        .azure
        .compute()
        .virtualMachine(protectedItem.target().resourceGroup(), world.vm())
        .isPresent();
  }

  /** The disks in the target side's storage account, where a failover makes its VM's. */
  private List<BlobRef> recoveryDisks(ReplicatedItem protectedItem) {
    return world
        .reprotect
        .azure
        .storage()
        .blobs(protectedItem.target().storageAccount(), "vhds")
        .stream()
        .map(PageBlob::ref)
        .toList();
  }

  private List<BlobRef> disksMadeSince(List<BlobRef> before, ReplicatedItem protectedItem) {
    return recoveryDisks(protectedItem).stream().filter(disk -> !before.contains(disk)).toList();
  }
}
