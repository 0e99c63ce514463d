package dev.reprotect.workflows.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.reprotect.activities.ProtectionPlan;
import dev.reprotect.activities.ReplicationErrorCode;
import dev.reprotect.azure.BlobRef;
import dev.reprotect.azure.PageBlob;
import dev.reprotect.azure.ProtectionState;
import dev.reprotect.azure.RecoveryPoint;
import dev.reprotect.azure.VmCut;
import dev.reprotect.azure.sim.Scenario;
import dev.reprotect.workflows.job.Job;
import dev.reprotect.workflows.job.JobState;
import dev.reprotect.workflows.reprotect.ProtectionStep;
import dev.reprotect.workflows.reprotect.ProtectionSummary;
import dev.reprotect.workflows.reprotect.ReprotectFixture;
import io.temporal.client.WorkflowFailedException;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Blocks corrupted on their way to the target region: a job either ends with replicas equal to the
 * source, as the test reads them back, or fails with ReplicaMismatch; never reports equal disks
 * that are not.
 */
class ReplicaIntegrityTest {
  @RegisterExtension static final TestWorkflowExtension temporal = ReprotectFixture.temporal();

  private static final String MISMATCH = ReplicationErrorCode.ReplicaMismatch.name();

  @AutoClose private EndToEnd e2e;

  /**
   * A full copy of well-filled disks (no target VM to seed from), so that a few dozen blocks cross
   * and 5% of them arrive corrupted; then a cycle ships some more under the same rate.
   */
  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void corruptionInTransitNeverLeavesASilentDifference(
      long seed, TestWorkflowEnvironment env, Worker worker) {
    e2e =
        new EndToEnd(
            ReprotectFixture.scenario()
                .dataDisks(1)
                .allocatedPercent(40)
                .targetVm(Scenario.TargetVm.Deleted)
                .build(),
            env,
            worker);
    e2e.azure.faults().corruptTransfers(0.05, seed);

    ProtectionSummary summary;
    try {
      summary = e2e.reprotect();
    } catch (WorkflowFailedException failed) {
      assertFailedWithReplicaMismatch(failed);
      return;
    }

    assertThat(e2e.azure.faults().corruptedBlocks()).as("blocks corrupted in transit").isPositive();
    assertThat(summary.state()).isEqualTo("Protected");
    for (String slot : e2e.slots()) {
      BlobRef source = e2e.sourceDisk(slot);
      BlobRef replica = e2e.replica(slot);
      assertThat(DiskBytes.differingBlocks(e2e.storage, source, replica)).as(slot).isEmpty();
      String checksum = DiskBytes.checksum(e2e.storage, source);
      assertThat(DiskBytes.checksum(e2e.storage, replica)).as(slot).isEqualTo(checksum);
      assertThat(summary.disks())
          .filteredOn(disk -> disk.name().equals(sourceDiskName(slot)))
          .singleElement()
          .satisfies(
              disk -> {
                assertThat(disk.sourceChecksum()).isEqualTo(checksum);
                assertThat(disk.targetChecksum()).isEqualTo(checksum);
              });
    }

    for (int block = 0; block < 16; block++) {
      e2e.write(
          e2e.slots().get(block % 2), 32 + block, DiskBytes.pattern(e2e.blockSize(), 200 + block));
    }
    ReplicationCycle cycle = e2e.awaitCycle(1);

    if (cycle.succeeded()) {
      VmCut cut = e2e.cut(cycle.cutId());
      RecoveryPoint point =
          e2e.points().stream()
              .filter(p -> p.id().equals(cycle.pointId()))
              .findFirst()
              .orElseThrow();
      for (String slot : e2e.slots()) {
        BlobRef snapshot = cut.disk(slot).snapshot();
        assertThat(DiskBytes.differingBlocks(e2e.storage, snapshot, e2e.replica(slot)))
            .as("replica of %s after the cycle", slot)
            .isEmpty();
        assertThat(
                DiskBytes.differingBlocks(e2e.storage, snapshot, EndToEnd.pointDisk(point, slot)))
            .as("%s of %s", slot, point.id())
            .isEmpty();
      }
    } else {
      assertThat(e2e.replication().status().lastError().type()).isEqualTo(MISMATCH);
      assertThat(cycle.pointId()).as("a point of a cycle that failed verification").isNull();
    }
  }

  /**
   * One disk: with two, both syncs fail at the same moment and the time-skipping test server hangs
   * on the cancellation of the other (see FailureHandlingTest).
   */
  @Test
  void aReplicaCorruptedAtRestBeyondRepairFailsTheJobWithReplicaMismatch(
      TestWorkflowEnvironment env, Worker worker) {
    e2e = new EndToEnd(ReprotectFixture.scenario().dataDisks(0).build(), env, worker);
    String target = e2e.fixture.scenario.targetRegion();
    AtomicInteger damage = new AtomicInteger();
    // Before every checksum, the replica (the seed blob in the target account) loses a block
    // again: the repair fixes it, the next check finds it damaged once more.
    e2e.beforeEachCall(
        "recordedChecksum",
        50,
        () ->
            e2e.storage.storageAccounts().stream()
                .filter(account -> account.location().equals(target))
                .flatMap(
                    account ->
                        e2e.storage.blobs(account.name(), ProtectionPlan.SEED_CONTAINER).stream())
                .map(PageBlob::ref)
                .forEach(
                    replica ->
                        e2e.storage.writeBlock(
                            EndToEnd.OPERATOR,
                            replica,
                            0,
                            DiskBytes.pattern(e2e.blockSize(), 300 + damage.incrementAndGet()))));

    WorkflowFailedException failed =
        catchThrowableOfType(WorkflowFailedException.class, e2e::reprotect);

    assertThat(failed).as("the job fails").isNotNull();
    assertThat(damage).as("damage done").hasPositiveValue();
    assertFailedWithReplicaMismatch(failed);
  }

  private void assertFailedWithReplicaMismatch(WorkflowFailedException failed) {
    assertThat(ReprotectFixture.applicationFailure(failed, MISMATCH))
        .as("a %s failure in %s", MISMATCH, failed)
        .isPresent();
    Job<ProtectionStep, ProtectionPlan> job = e2e.job();
    assertThat(job.state()).isEqualTo(JobState.Failed);
    assertThat(job.errorCode()).isEqualTo(MISMATCH);
    assertThat(e2e.fixture.item().state()).isEqualTo(ProtectionState.ReprotectFailed);
    assertThat(e2e.points()).as("no recovery point of unverified replicas").isEmpty();
  }

  private String sourceDiskName(String slot) {
    return e2e.sourceDisk(slot).blob().replace(".vhd", "");
  }
}
