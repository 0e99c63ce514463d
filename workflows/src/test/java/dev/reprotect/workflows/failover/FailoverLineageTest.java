package dev.reprotect.workflows.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reprotect.activities.failover.FailoverRequest;
import dev.reprotect.activities.failover.PointSelector;
import dev.reprotect.azure.ActivityLogEntry;
import dev.reprotect.azure.AzureErrorCode;
import dev.reprotect.azure.BlobRef;
import dev.reprotect.azure.BlobSnapshot;
import dev.reprotect.azure.Caller;
import dev.reprotect.azure.Cuts;
import dev.reprotect.azure.DiskLineage;
import dev.reprotect.azure.PageBlob;
import dev.reprotect.azure.ProtectionState;
import dev.reprotect.azure.RecoveryPoint;
import dev.reprotect.azure.ReplicatedItem;
import dev.reprotect.azure.ResourceIds;
import dev.reprotect.azure.StorageApi;
import dev.reprotect.azure.VirtualMachine;
import dev.reprotect.azure.VmDisk;
import dev.reprotect.workflows.replication.DiskBytes;
import dev.reprotect.workflows.reprotect.ReprotectFixture;
import io.temporal.client.WorkflowFailedException;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The lineage a failover records on the item for the reprotect after it: per disk, the point, its
 * cut's snapshot of the stale disk and a snapshot of the disk made from the point, taken before the
 * VM boots; kept by the commit, deleted by the reprotect that follows or a disable. Snapshots are
 * checked from their bytes read back.
 */
class FailoverLineageTest {
  @RegisterExtension static final TestWorkflowExtension temporal = ReprotectFixture.temporal();

  private static final Caller OPERATOR = Caller.of("lineage-test");
  private static final String SNAPSHOT =
      "Microsoft.Storage/storageAccounts/blobServices/containers/blobs/snapshot";

  @AutoClose private FailoverFixture world;

  @Test
  void aFailoverRecordsTheLineageOfEachDiskWithBasesTakenBeforeItsVmBoots(
      TestWorkflowEnvironment env, Worker worker) {
    world = new FailoverFixture(env, worker);
    world.protect();
    world.write("lun0", 5, DiskBytes.pattern(ReprotectFixture.BLOCK_SIZE, 7));

    FailoverSummary summary =
        world.run(FailoverRequest.failover(world.vault(), world.vm(), PointSelector.LATEST, false));

    RecoveryPoint point = world.point(summary.pointId());
    assertThat(point.cutId()).as("a failover to latest makes its point of a cut").isNotNull();
    Map<String, FailedOverDisk> created =
        summary.disks().stream()
            .collect(Collectors.toMap(FailedOverDisk::slot, Function.identity()));
    List<DiskLineage> lineage = world.item().lineage();
    assertThat(lineage)
        .extracting(DiskLineage::slot)
        .containsExactlyElementsOf(world.activeVm().disks().stream().map(VmDisk::slot).toList());
    for (DiskLineage disk : lineage) {
      String checksum = point.diskChecksums().get(disk.slot());
      assertThat(disk.pointId()).isEqualTo(point.id());
      assertThat(disk.cutId()).isEqualTo(point.cutId());
      assertThat(disk.pointChecksum()).isEqualTo(checksum);
      assertThat(disk.recoveredDisk()).isEqualTo(world.activeDisk(disk.slot()));
      assertThat(snapshot(disk.newBase()).base()).isEqualTo(disk.recoveredDisk());
      assertThat(bytesOf(disk.newBase()))
          .as("the new side's base of %s, read back", disk.slot())
          .isEqualTo(created.get(disk.slot()).checksum())
          .isEqualTo(checksum);
      assertThat(snapshot(disk.cutSnapshot()).base())
          .isEqualTo(disk.staleDisk())
          .isEqualTo(staleDisk(disk.slot()));
      assertThat(bytesOf(disk.cutSnapshot()))
          .as("the cut's snapshot of %s, read back", disk.slot())
          .isEqualTo(disk.cutChecksum())
          .isEqualTo(checksum);
      assertThat(disk.staleDiskSizeBytes()).isEqualTo(size(disk.staleDisk())).isPositive();
      assertThat(disk.recoveredDiskSizeBytes()).isEqualTo(size(disk.recoveredDisk()));
      assertThat(DiskLineage.check(disk, seen(disk))).as("every link holds").isEmpty();
    }
    List<ActivityLogEntry> log = world.reprotect.azure.metering().activityLog();
    long boot =
        log.stream()
            .filter(
                entry -> entry.operation().equals("Microsoft.Compute/virtualMachines/start/action"))
            .mapToLong(ActivityLogEntry::sequence)
            .max()
            .orElseThrow();
    assertThat(lineage)
        .allSatisfy(
            disk ->
                assertThat(snapshotsLogged(disk.newBase()))
                    .as("the base of %s taken once, before the VM booted", disk.slot())
                    .singleElement()
                    .satisfies(entry -> assertThat(entry.sequence()).isLessThan(boot)));

    // The VM runs on its disks now: its writes change them, not their bases.
    world.write("os", 9, DiskBytes.pattern(ReprotectFixture.BLOCK_SIZE, 11));
    DiskLineage os = lineage.get(0);
    assertThat(bytesOf(os.newBase()))
        .isEqualTo(os.pointChecksum())
        .isNotEqualTo(bytesOf(os.recoveredDisk()));
  }

  @Test
  void aTestFailoverRecordsNoLineageAndTakesNoBase(TestWorkflowEnvironment env, Worker worker) {
    world = new FailoverFixture(env, worker);
    world.protectWithoutCycles();

    world.run(FailoverRequest.testFailover(world.vault(), world.vm(), PointSelector.LATEST));

    assertThat(world.item().lineage()).isEmpty();
    assertThat(bases(world.item().target().storageAccount())).isEmpty();
  }

  @Test
  void aChangeOfPointRecordsTheLineageOfTheNewDisksAndDeletesTheOldBases(
      TestWorkflowEnvironment env, Worker worker) {
    world = new FailoverFixture(env, worker);
    world.protect();
    String first = world.points().get(0).id();
    world.write("lun0", 3, DiskBytes.pattern(ReprotectFixture.BLOCK_SIZE, 9));
    world.awaitCycle(1);
    world.run(FailoverRequest.failover(world.vault(), world.vm(), first, false));
    Set<BlobRef> firstBases = world.item().lineageSnapshots();
    String account = world.activeDisk("os").storageAccount();

    FailoverSummary changed =
        world.run(
            FailoverRequest.changePoint(world.vault(), world.vm(), PointSelector.LATEST_PROCESSED));

    List<DiskLineage> lineage = world.item().lineage();
    assertThat(lineage)
        .extracting(DiskLineage::pointId)
        .containsOnly(changed.pointId())
        .doesNotContain(first);
    assertThat(lineage)
        .allSatisfy(
            disk -> {
              assertThat(disk.recoveredDisk()).isEqualTo(world.activeDisk(disk.slot()));
              assertThat(bytesOf(disk.newBase())).isEqualTo(disk.pointChecksum());
            });
    assertThat(bases(account))
        .as("the bases of the disks the VM runs on, only")
        .containsExactlyInAnyOrderElementsOf(lineage.stream().map(DiskLineage::newBase).toList());
    assertThat(firstBases)
        .isNotEmpty()
        .allSatisfy(ref -> assertThat(world.reprotect.azure.storage().snapshot(ref)).isEmpty());
  }

  @Test
  void aCommitKeepsTheLineagesPointCutAndBasesAndDeletesEveryOtherPointAndCut(
      TestWorkflowEnvironment env, Worker worker) {
    world = new FailoverFixture(env, worker);
    world.protect();
    world.write("os", 1, DiskBytes.pattern(ReprotectFixture.BLOCK_SIZE, 1));
    world.awaitCycle(1);
    assertThat(world.points()).hasSizeGreaterThan(1);
    world.run(FailoverRequest.failover(world.vault(), world.vm(), PointSelector.LATEST, false));
    List<DiskLineage> lineage = world.item().lineage();
    String staleAccount = lineage.get(0).staleDisk().storageAccount();

    world.run(FailoverRequest.commit(world.vault(), world.vm()));

    ReplicatedItem committed = world.item();
    assertThat(committed.state()).isEqualTo(ProtectionState.FailoverCommitted);
    assertThat(committed.lineage()).isEqualTo(lineage);
    assertThat(world.points())
        .extracting(RecoveryPoint::id)
        .containsExactly(lineage.get(0).pointId());
    assertThat(world.reprotect.azure.storage().snapshots(staleAccount, Cuts.CONTAINER, ""))
        .extracting(BlobSnapshot::ref)
        .as("the stale VM's cut snapshots")
        .containsExactlyInAnyOrderElementsOf(
            lineage.stream().map(DiskLineage::cutSnapshot).toList());
    assertThat(lineage)
        .allSatisfy(
            disk -> {
              assertThat(bytesOf(disk.newBase())).isEqualTo(disk.pointChecksum());
              assertThat(bytesOf(disk.cutSnapshot())).isEqualTo(disk.cutChecksum());
            });
  }

  /**
   * The reprotect deletes the stale VM and its other cuts, but keeps the lineage's through its
   * sync, and deletes them, with the point, only once it is done.
   */
  @Test
  void aCompletedReprotectDeletesTheLineageOnceItsSyncIsDone(
      TestWorkflowEnvironment env, Worker worker) {
    world = new FailoverFixture(env, worker);
    world.protectWithoutCycles();
    world.run(FailoverRequest.failover(world.vault(), world.vm(), PointSelector.LATEST, false));
    world.run(FailoverRequest.commit(world.vault(), world.vm()));
    ReplicatedItem committed = world.item();
    VirtualMachine stale =
        world
            .reprotect
            .azure
            .compute()
            .virtualMachine(committed.target().resourceGroup(), world.vm())
            .orElseThrow();

    assertThat(world.protect().state()).isEqualTo("Protected");

    ReplicatedItem reprotected = world.item();
    assertThat(reprotected.lineage()).isEmpty();
    assertThat(world.points())
        .extracting(RecoveryPoint::id)
        .doesNotContain(committed.lineagePoint());
    assertThat(committed.lineageSnapshots())
        .hasSize(2 * committed.lineage().size())
        .allSatisfy(ref -> assertThat(world.reprotect.azure.storage().snapshot(ref)).isEmpty());
    List<ActivityLogEntry> log = world.reprotect.azure.metering().activityLog();
    long staleVmDeleted = sequenceOf(log, "Microsoft.Compute/virtualMachines/delete", stale.id());
    assertThat(committed.lineage())
        .allSatisfy(
            disk ->
                assertThat(
                        sequenceOf(
                            log,
                            "Microsoft.Storage/storageAccounts/blobServices/containers/blobs/delete",
                            ResourceIds.blob(disk.cutSnapshot())))
                    .as("the cut of %s deleted after its VM", disk.slot())
                    .isGreaterThan(staleVmDeleted));
  }

  /** Cleared once its snapshots are gone: a disable that fails afterwards leaves none recorded. */
  @Test
  void aDisableDeletesTheLineageAndClearsItsRecord(TestWorkflowEnvironment env, Worker worker) {
    world = new FailoverFixture(env, worker);
    world.protectWithoutCycles();
    world.run(FailoverRequest.failover(world.vault(), world.vm(), PointSelector.LATEST, false));
    world.run(FailoverRequest.commit(world.vault(), world.vm()));
    ReplicatedItem committed = world.item();
    int removals = world.reprotect.azure.faults().callCount("deleteReplicatedItem");
    world
        .reprotect
        .azure
        .faults()
        .failCalls("deleteReplicatedItem", removals + 1, 100, AzureErrorCode.ResourceNotFound);

    assertThatThrownBy(world::disable).isInstanceOf(WorkflowFailedException.class);

    ReplicatedItem failed = world.item();
    assertThat(failed.state()).isEqualTo(ProtectionState.DisableFailed);
    assertThat(failed.lineage()).isEmpty();
    assertThat(committed.lineageSnapshots())
        .hasSize(2 * committed.lineage().size())
        .allSatisfy(ref -> assertThat(world.reprotect.azure.storage().snapshot(ref)).isEmpty());
    assertThat(world.points()).isEmpty();
    assertThat(bases(committed.primary().storageAccount())).isEmpty();
    assertThat(bases(committed.recovery().storageAccount())).isEmpty();
  }

  /**
   * A disk's activity fails after its base was taken, the completion after it recorded the lineage:
   * their retries find what they did, and nothing is taken or recorded twice.
   */
  @Test
  void aFailoverRetriedMidWayRecordsItsLineageOnce(TestWorkflowEnvironment env, Worker worker) {
    world = new FailoverFixture(env, worker);
    world.protectWithoutCycles();
    var faults = world.reprotect.azure.faults();
    int checksums = faults.callCount("checksum");
    int releases = faults.callCount("releaseOperation");
    faults.failCalls("checksum", checksums + 1, 1, AzureErrorCode.InternalServerError);
    faults.failCalls("releaseOperation", releases + 1, 1, AzureErrorCode.InternalServerError);

    world.run(
        FailoverRequest.failover(world.vault(), world.vm(), PointSelector.LATEST_PROCESSED, false));

    assertThat(faults.callCount("checksum") - checksums)
        .as("a disk's activity run again")
        .isEqualTo(world.activeVm().disks().size() + 1);
    assertThat(faults.callCount("releaseOperation") - releases)
        .as("the completion run again")
        .isEqualTo(2);
    assertOneLineageRecordedOnce();
  }

  /** A failover whose VM did not boot, run again: the same point, the same disks and bases. */
  @Test
  void aFailoverRunAgainAfterItsVmFailedToBootRecordsItsLineageOnce(
      TestWorkflowEnvironment env, Worker worker) {
    world = new FailoverFixture(env, worker);
    world.protectWithoutCycles();
    world.failOverWithoutBooting();
    assertThat(world.item().lineage()).as("recorded only by a failover that completes").isEmpty();

    world.run(
        FailoverRequest.failover(world.vault(), world.vm(), PointSelector.LATEST_PROCESSED, false));

    assertOneLineageRecordedOnce();
  }

  /** The stale side down: the failover goes on, recording what it can reach. */
  @Test
  void aFailoverInAnOutageOfTheStaleRegionRecordsTheNewSideOnly(
      TestWorkflowEnvironment env, Worker worker) {
    world = new FailoverFixture(env, worker);
    world.protectWithoutCycles();
    String source = world.item().source().region();
    world.reprotect.azure.resources().setRegionAvailable(OPERATOR, source, false);

    world.run(
        FailoverRequest.failover(world.vault(), world.vm(), PointSelector.LATEST_PROCESSED, false));

    assertThat(world.item().state()).isEqualTo(ProtectionState.FailedOver);
    assertThat(world.item().lineage())
        .isNotEmpty()
        .allSatisfy(
            disk -> {
              assertThat(disk.cutId()).isNotNull();
              assertThat(disk.cutSnapshot()).isNull();
              assertThat(bytesOf(disk.newBase())).isEqualTo(disk.pointChecksum());
              assertThat(DiskLineage.check(disk, seen(disk)))
                  .get()
                  .extracting(DiskLineage.Broken::reason)
                  .isEqualTo(DiskLineage.Break.LineageSnapshotMissing);
            });
  }

  private void assertOneLineageRecordedOnce() {
    List<DiskLineage> lineage = world.item().lineage();
    assertThat(world.item().state()).isEqualTo(ProtectionState.FailedOver);
    assertThat(lineage).hasSize(world.activeVm().disks().size());
    assertThat(bases(world.activeDisk("os").storageAccount()))
        .containsExactlyInAnyOrderElementsOf(lineage.stream().map(DiskLineage::newBase).toList());
    assertThat(lineage)
        .allSatisfy(
            disk -> {
              assertThat(snapshotsLogged(disk.newBase())).hasSize(1);
              assertThat(bytesOf(disk.newBase())).isEqualTo(disk.pointChecksum());
              assertThat(DiskLineage.check(disk, seen(disk))).isEmpty();
            });
  }

  /** What the reprotect would find of the disk's two sides now. */
  private DiskLineage.Seen seen(DiskLineage disk) {
    StorageApi storage = world.reprotect.azure.storage();
    BlobRef stale = staleDisk(disk.slot());
    BlobRef active = world.activeDisk(disk.slot());
    return new DiskLineage.Seen(
        stale,
        size(stale),
        active,
        size(active),
        disk.cutSnapshot() != null && storage.snapshot(disk.cutSnapshot()).isPresent(),
        disk.newBase() != null && storage.snapshot(disk.newBase()).isPresent());
  }

  private BlobRef staleDisk(String slot) {
    return world
        .reprotect
        .azure
        .compute()
        .virtualMachine(world.item().target().resourceGroup(), world.vm())
        .orElseThrow()
        .disks()
        .stream()
        .filter(disk -> disk.slot().equals(slot))
        .findFirst()
        .map(VmDisk::vhd)
        .orElseThrow();
  }

  private long size(BlobRef blob) {
    return world.reprotect.azure.storage().blob(blob).map(PageBlob::sizeBytes).orElseThrow();
  }

  private BlobSnapshot snapshot(BlobRef ref) {
    return world
        .reprotect
        .azure
        .storage()
        .snapshot(ref)
        .orElseThrow(() -> new AssertionError(ref + " is no snapshot"));
  }

  /** The blob's checksum, hashed from its bytes read back. */
  private String bytesOf(BlobRef ref) {
    return DiskBytes.checksum(world.reprotect.azure.storage(), ref);
  }

  private List<BlobRef> bases(String account) {
    return world.lineageSnapshotsIn(account);
  }

  private List<ActivityLogEntry> snapshotsLogged(BlobRef ref) {
    return world.reprotect.azure.metering().activityLog().stream()
        .filter(
            entry ->
                entry.operation().equals(SNAPSHOT)
                    && entry.resourceId().equals(ResourceIds.blob(ref)))
        .toList();
  }

  private static long sequenceOf(List<ActivityLogEntry> log, String operation, String resource) {
    return log.stream()
        .filter(entry -> entry.operation().equals(operation) && entry.resourceId().equals(resource))
        .mapToLong(ActivityLogEntry::sequence)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + operation + " of " + resource));
  }
}
