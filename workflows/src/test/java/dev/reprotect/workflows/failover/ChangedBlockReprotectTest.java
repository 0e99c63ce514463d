package dev.reprotect.workflows.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reprotect.activities.SyncChoice;
import dev.reprotect.activities.failover.FailoverRequest;
import dev.reprotect.activities.failover.PointSelector;
import dev.reprotect.activities.sync.SideMeters;
import dev.reprotect.azure.AzureErrorCode;
import dev.reprotect.azure.BlobRef;
import dev.reprotect.azure.Caller;
import dev.reprotect.azure.DiskLineage;
import dev.reprotect.azure.ProtectionState;
import dev.reprotect.azure.ReplicaDisk;
import dev.reprotect.azure.ReplicatedItem;
import dev.reprotect.azure.VmDisk;
import dev.reprotect.workflows.HistoryReplays;
import dev.reprotect.workflows.WorkflowIds;
import dev.reprotect.workflows.job.JobStep;
import dev.reprotect.workflows.replication.DiskBytes;
import dev.reprotect.workflows.reprotect.DiskSummary;
import dev.reprotect.workflows.reprotect.ProtectionStep;
import dev.reprotect.workflows.reprotect.ProtectionSummary;
import dev.reprotect.workflows.reprotect.ReprotectFixture;
import io.temporal.client.WorkflowFailedException;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A reprotect after a failover the engine ran syncs each disk whose lineage holds from the blocks
 * written on either side since (the stale VM's after the failover, the new VM's before the
 * reprotect), and every other disk by a full compare that names the broken link. Every replica is
 * checked against its source from the bytes read back, and what the syncs read from the backend's
 * meters.
 */
class ChangedBlockReprotectTest {
  @RegisterExtension static final TestWorkflowExtension temporal = ReprotectFixture.temporal();

  private static final Caller OPERATOR = Caller.of("changed-block-test");
  private static final int BLOCK = ReprotectFixture.BLOCK_SIZE;

  /** Blocks the new VM writes before the reprotect, per slot; 40 is written on both sides. */
  private static final List<Long> NEW_SIDE = List.of(3L, 40L, 90L);

  /** Blocks the stale VM writes after the failover, per slot. */
  private static final List<Long> STALE_SIDE = List.of(7L, 40L, 100L);

  @AutoClose private FailoverFixture world;

  /**
   * The seeded item was failed over before lineages existed: its first reprotect compares in full.
   * Then a failover, churn on both sides and a reprotect by changed blocks; then the failback, the
   * same again the other way.
   */
  @Test
  void aRoundTripSyncsOnlyTheBlocksChangedOnEitherSideAndEndsEqual(
      TestWorkflowEnvironment env, Worker worker) throws Exception {
    world = new FailoverFixture(env, worker);
    ProtectionSummary first = world.protect();
    assertThat(first.disks())
        .allSatisfy(
            disk -> {
              assertThat(disk.syncKind()).isEqualTo("full-compare");
              assertThat(disk.reason()).isEqualTo(DiskLineage.Break.NoLineage.name());
            });
    world.stopReplication();

    for (int hop = 1; hop <= 2; hop++) {
      failOverAndCommit();
      churnOnBothSides(hop);

      ProtectionSummary summary = world.protect();
      world.stopReplication();

      assertEveryReplicaEqualsItsSource();
      assertThat(summary.disks()).hasSize(2);
      for (DiskSummary disk : summary.disks()) {
        assertThat(disk.syncKind()).as("hop %d, %s", hop, disk.name()).isEqualTo("changed-blocks");
        assertThat(disk.reason()).isEqualTo(SyncChoice.LINEAGE_HOLDS);
        Set<Long> changed = new TreeSet<>(NEW_SIDE);
        changed.addAll(STALE_SIDE);
        assertThat(disk.bytesChanged())
            .as("the union of both sides' writes, %s", disk.name())
            .isEqualTo((long) changed.size() * BLOCK);
        SideMeters meters = disk.meters();
        assertThat(meters.bytesReadOnSource() + meters.bytesReadOnReplica())
            .as("read on both sides: the changed blocks, not the allocated ones")
            .isLessThanOrEqualTo(2 * disk.bytesChanged())
            .isLessThan(disk.allocatedBytes());
        assertThat(meters.bytesReadOnSource()).isLessThanOrEqualTo(disk.bytesChanged());
        assertThat(meters.bytesSent()).isLessThanOrEqualTo(2 * disk.bytesChanged());
      }
      assertNoReplicaBaseLeft();
      Map<ProtectionStep, String> details =
          world.reprotect.newWorkflowStubForQuery(world.client()).job().steps().stream()
              .collect(Collectors.toMap(JobStep::step, JobStep::detail));
      assertThat(details.get(ProtectionStep.InitialSync))
          .as("the job says which sync each disk had, and why")
          .contains("changed-blocks (LineageHolds");
      assertThat(details.get(ProtectionStep.CopySeedBlobs)).contains("from the stale cut");
    }
    HistoryReplays.record(
        world.client(),
        WorkflowIds.reprotect(world.vault(), world.vm()),
        "reprotect-changed-blocks-round-trip");
  }

  /** A base of the new side deleted: that disk compares in full, the other still by its changes. */
  @Test
  void aMissingLineageSnapshotFallsBackToAFullCompareOfThatDisk(
      TestWorkflowEnvironment env, Worker worker) {
    failedOverWithChurn(env, worker);
    DiskLineage os = lineageOf("os");
    world.reprotect.azure.storage().deleteBlob(OPERATOR, os.newBase());

    reprotectFallingBackOn("os", DiskLineage.Break.LineageSnapshotMissing);
  }

  /** The stale VM's disk in a slot is another blob now: that disk compares in full. */
  @Test
  void aReplacedStaleDiskFallsBackToAFullCompare(TestWorkflowEnvironment env, Worker worker) {
    failedOverWithChurn(env, worker);
    var stale = world.staleVm();
    VmDisk data = stale.dataDisks().get(0);
    BlobRef replacement =
        new BlobRef(data.vhd().storageAccount(), data.vhd().container(), "replaced-data.vhd");
    world.reprotect.azure.storage().copyBlob(OPERATOR, data.vhd(), replacement);
    world
        .reprotect
        .azure
        .compute()
        .createVirtualMachine(
            OPERATOR,
            new dev.reprotect.azure.VirtualMachine(
                stale.resourceGroup(),
                stale.name(),
                stale.location(),
                stale.powerState(),
                stale.osDisk(),
                List.of(new VmDisk(data.name(), data.lun(), replacement)),
                stale.networkId(),
                stale.availabilitySet()));

    reprotectFallingBackOn("lun0", DiskLineage.Break.StaleDiskReplaced);
  }

  /** The active data disk grown after the failover: it compares in full, and its replica grows. */
  @Test
  void aResizedDiskFallsBackToAFullCompare(TestWorkflowEnvironment env, Worker worker) {
    failedOverWithChurn(env, worker);
    BlobRef data = world.activeDisk("lun0");
    world.reprotect.azure.storage().resizePageBlob(OPERATOR, data, 2 * ReprotectFixture.DISK_SIZE);

    reprotectFallingBackOn("lun0", DiskLineage.Break.DiskResized);
  }

  /** The operator's --full-compare: every disk in full, though the lineage holds. */
  @Test
  void aRequestedFullCompareComparesEveryDisk(TestWorkflowEnvironment env, Worker worker) {
    failedOverWithChurn(env, worker);

    ProtectionSummary summary = world.protect(world.reprotect.request().withFullCompare(true));
    world.stopReplication();

    assertEveryReplicaEqualsItsSource();
    assertThat(summary.disks())
        .allSatisfy(
            disk -> {
              assertThat(disk.syncKind()).isEqualTo("full-compare");
              assertThat(disk.reason()).isEqualTo(SyncChoice.REQUESTED);
            });
  }

  /**
   * A changed-block sync that fails mid-way is retried and resumes from its heartbeat: the replica
   * ends equal, and no block of the source is read twice.
   */
  @Test
  void aChangedBlockSyncThatFailsMidWayResumes(TestWorkflowEnvironment env, Worker worker) {
    world = new FailoverFixture(env, worker, ReprotectFixture.scenario().dataDisks(0).build());
    world.protectWithoutCycles();
    failOverAndCommit();
    // Only the new side writes, in several ranges: the seed transfers nothing, and the sync's
    // third transfer (of its second range) fails.
    for (long block : List.of(1L, 20L, 40L, 60L, 80L, 100L)) {
      world.write("os", block, DiskBytes.pattern(BLOCK, (int) block));
    }
    var faults = world.reprotect.azure.faults();
    faults.failCalls(
        "transferBlocks",
        faults.callCount("transferBlocks") + 3,
        1,
        AzureErrorCode.InternalServerError);

    ProtectionSummary summary = world.protect();
    world.stopReplication();

    assertEveryReplicaEqualsItsSource();
    DiskSummary os = summary.disks().get(0);
    assertThat(os.syncKind()).isEqualTo("changed-blocks");
    assertThat(os.bytesChanged()).isEqualTo(6L * BLOCK);
    assertThat(os.meters().bytesReadOnSource())
        .as("every attempt's reads: each changed block once")
        .isLessThanOrEqualTo(os.bytesChanged());
    assertThat(world.reprotect.azure.metering().activityLog())
        .as("the sync's second attempt wrote")
        .anySatisfy(
            entry ->
                assertThat(entry.correlationId()).contains("/SyncChangedBlocks/").endsWith("#2"));
  }

  /** The item protected, failed over and committed, then written on both sides. */
  private void failedOverWithChurn(TestWorkflowEnvironment env, Worker worker) {
    world = new FailoverFixture(env, worker);
    world.protectWithoutCycles();
    failOverAndCommit();
    churnOnBothSides(1);
  }

  /**
   * A changed-block reprotect that fails once the seeds and their bases exist (its cut 0 cannot be
   * taken) leaves the bases behind; the disable removes them with the rest, so the target account
   * it created can go.
   */
  @Test
  void aDisableAfterAFailedChangedBlockReprotectDeletesTheReplicasBases(
      TestWorkflowEnvironment env, Worker worker) {
    failedOverWithChurn(env, worker);
    var faults = world.reprotect.azure.faults();
    // The two seeds' bases are the job's first snapshots, cut 0's the next.
    faults.failCalls(
        "snapshotBlob", faults.callCount("snapshotBlob") + 3, 100, AzureErrorCode.ResourceNotFound);
    assertThatThrownBy(world::protect).isInstanceOf(WorkflowFailedException.class);
    assertThat(world.item().state()).isEqualTo(ProtectionState.ReprotectFailed);
    String account = world.item().target().storageAccount();
    assertThat(world.lineageSnapshotsIn(account))
        .as("the bases of the seeds, left by the failed job")
        .hasSize(2);
    faults.clear();

    world.disable();

    assertThat(world.lineageSnapshotsIn(account)).isEmpty();
  }

  private void failOverAndCommit() {
    world.run(FailoverRequest.failover(world.vault(), world.vm(), PointSelector.LATEST, false));
    world.run(FailoverRequest.commit(world.vault(), world.vm()));
  }

  /** Both sides write after the failover: the new VM, and the stale one left running. */
  private void churnOnBothSides(int hop) {
    for (String slot : List.of("os", "lun0")) {
      for (long block : NEW_SIDE) {
        world.write(slot, block, DiskBytes.pattern(BLOCK, hop * 10 + (int) block));
      }
      for (long block : STALE_SIDE) {
        world.writeOnStaleVm(slot, block, DiskBytes.pattern(BLOCK, hop * 20 + (int) block));
      }
    }
  }

  /**
   * Reprotects, checks every replica against its source, and that only the disk of {@code slot}
   * compared in full, for {@code reason}.
   */
  private void reprotectFallingBackOn(String slot, DiskLineage.Break reason) {
    Map<String, DiskSummary> disks = protectAndCheck();
    for (VmDisk disk : world.activeVm().disks()) {
      DiskSummary synced = disks.get(disk.name());
      if (disk.slot().equals(slot)) {
        assertThat(synced.syncKind()).isEqualTo("full-compare");
        assertThat(synced.reason()).isEqualTo(reason.name());
        assertThat(synced.meters()).isNull();
      } else {
        assertThat(synced.syncKind()).isEqualTo("changed-blocks");
      }
    }
  }

  private Map<String, DiskSummary> protectAndCheck() {
    ProtectionSummary summary = world.protect();
    world.stopReplication();
    assertEveryReplicaEqualsItsSource();
    assertNoReplicaBaseLeft();
    return summary.disks().stream()
        .collect(Collectors.toMap(DiskSummary::name, Function.identity()));
  }

  /** Every replica holds its source disk's bytes, each read back and hashed. */
  private void assertEveryReplicaEqualsItsSource() {
    ReplicatedItem item = world.item();
    Map<String, String> replicas = new TreeMap<>();
    for (ReplicaDisk replica : item.replicaDisks()) {
      replicas.put(
          replica.slot(), DiskBytes.checksum(world.reprotect.azure.storage(), replica.replica()));
    }
    assertThat(replicas).isEqualTo(world.activeDiskChecksums());
  }

  /** The replicas' bases went with the lineage once the reprotect succeeded. */
  private void assertNoReplicaBaseLeft() {
    String account = world.item().replicaDisks().get(0).replica().storageAccount();
    assertThat(world.lineageSnapshotsIn(account)).isEmpty();
  }

  private DiskLineage lineageOf(String slot) {
    return world.item().lineage().stream()
        .filter(disk -> disk.slot().equals(slot))
        .findFirst()
        .orElseThrow();
  }
}
