package dev.reprotect.workflows.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reprotect.activities.failover.FailoverRequest;
import dev.reprotect.activities.failover.PointSelector;
import dev.reprotect.azure.AzureErrorCode;
import dev.reprotect.azure.BlobRef;
import dev.reprotect.azure.BlobSnapshot;
import dev.reprotect.azure.Caller;
import dev.reprotect.azure.Cuts;
import dev.reprotect.azure.PowerState;
import dev.reprotect.azure.ProtectionState;
import dev.reprotect.azure.RecoveryPoint;
import dev.reprotect.azure.RecoveryPointType;
import dev.reprotect.azure.ReplicatedItem;
import dev.reprotect.azure.StorageApi;
import dev.reprotect.azure.VirtualMachine;
import dev.reprotect.workflows.TaskQueues;
import dev.reprotect.workflows.WorkflowIds;
import dev.reprotect.workflows.job.JobStep;
import dev.reprotect.workflows.job.StepState;
import dev.reprotect.workflows.replication.DiskBytes;
import dev.reprotect.workflows.replication.ReplicationState;
import dev.reprotect.workflows.reprotect.DiskSummary;
import dev.reprotect.workflows.reprotect.ProtectionSummary;
import dev.reprotect.workflows.reprotect.ReprotectFixture;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowFailedException;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Failovers of a reprotected item with the real activities over the in-process simulator: the
 * failed-over VM's disks are read back from their bytes in the region where they live and hashed,
 * and compared with the checksum its recovery point recorded when it was made.
 */
class FailoverWorkflowTest {
  @RegisterExtension static final TestWorkflowExtension temporal = ReprotectFixture.temporal();

  private static final Caller OPERATOR = Caller.of("failover-test");

  private FailoverFixture world;

  @AfterEach
  void close() {
    if (world != null) {
      world.close();
    }
  }

  @Test
  void aFailoverToTheLatestPointShipsACutTakenNowAndBootsExactlyIt(
      TestWorkflowEnvironment env, Worker worker) {
    world = new FailoverFixture(env, worker);
    world.protect();
    String from = world.item().source().region();
    String to = world.item().target().region();
    byte[] lastWrite = DiskBytes.pattern(ReprotectFixture.BLOCK_SIZE, 7);
    world.write("lun0", 5, lastWrite);

    FailoverSummary summary =
        world.run(FailoverRequest.failover(world.vault(), world.vm(), PointSelector.LATEST, false));

    RecoveryPoint point = world.point(summary.pointId());
    assertThat(point.time())
        .isAfter(
            world.points().stream()
                .filter(p -> !p.id().equals(point.id()))
                .map(RecoveryPoint::time)
                .max(Comparator.naturalOrder())
                .orElseThrow()
                .minusNanos(1));
    ReplicatedItem item = world.item();
    assertThat(item.state()).isEqualTo(ProtectionState.FailedOver);
    assertThat(item.pinnedRecoveryPoint()).as("released with the failover's claim").isNull();
    assertThat(item.activeLocation()).isEqualTo(to);
    assertThat(item.target().region()).isEqualTo(from);
    assertThat(world.activeVm().location()).isEqualTo(to);
    assertThat(world.activeVm().powerState().name()).isEqualTo("Running");
    assertThat(world.activeDiskChecksums()).isEqualTo(point.diskChecksums());
    assertThat(
            DiskBytes.holds(
                world.reprotect.azure.storage(), world.activeDisk("lun0"), 5, lastWrite))
        .as("the write made just before the failover is in the latest point")
        .isTrue();
    assertThat(summary.meters())
        .as("what the backend charged the job, its last cut shipped")
        .isEqualTo(
            world
                .reprotect
                .azure
                .metering()
                .costsBy(WorkflowIds.failover(world.vault(), world.vm()) + "/"))
        .satisfies(meters -> assertThat(meters.bytesWrittenIn(to)).isPositive());
  }

  /** The shipment of the cut taken for the failover runs where the replication's do. */
  @Test
  void aFailoverToTheLatestPointSchedulesItsShipmentOnTheShipmentQueue(
      TestWorkflowEnvironment env, Worker worker) {
    world = new FailoverFixture(env, worker);
    world.protect();

    world.run(FailoverRequest.failover(world.vault(), world.vm(), PointSelector.LATEST, false));

    assertThat(
            env
                .getWorkflowClient()
                .fetchHistory(WorkflowIds.failover(world.vault(), world.vm()))
                .getEvents()
                .stream()
                .filter(HistoryEvent::hasActivityTaskScheduledEventAttributes)
                .map(HistoryEvent::getActivityTaskScheduledEventAttributes)
                .filter(scheduled -> scheduled.getActivityType().getName().equals("ShipCut"))
                .map(scheduled -> scheduled.getTaskQueue().getName()))
        .containsExactly(TaskQueues.shipmentQueueOf(worker.getTaskQueue()));
  }

  @Test
  void aFailoverToTheLatestProcessedPointBootsItsChecksum(
      TestWorkflowEnvironment env, Worker worker) {
    failoverToAnExistingPoint(env, worker, PointSelector.LATEST_PROCESSED);
  }

  @Test
  void aFailoverToTheLatestAppConsistentPointBootsItsChecksum(
      TestWorkflowEnvironment env, Worker worker) {
    RecoveryPoint point =
        failoverToAnExistingPoint(env, worker, PointSelector.LATEST_APP_CONSISTENT);
    assertThat(point.type()).isEqualTo(RecoveryPointType.AppConsistent);
  }

  @Test
  void aFailoverToAPointByIdBootsItsChecksum(TestWorkflowEnvironment env, Worker worker) {
    world = new FailoverFixture(env, worker);
    world.protect();
    String first = world.points().get(0).id();
    world.write("os", 2, DiskBytes.pattern(ReprotectFixture.BLOCK_SIZE, 3));
    world.awaitCycle(1);

    FailoverSummary summary =
        world.run(FailoverRequest.failover(world.vault(), world.vm(), first, false));

    assertThat(summary.pointId()).isEqualTo(first);
    assertThat(world.activeDiskChecksums()).isEqualTo(world.point(first).diskChecksums());
    assertThat(summary.disks())
        .allSatisfy(disk -> assertThat(disk.checksum()).isEqualTo(disk.pointChecksum()));
  }

  /** Protects, writes, lets two cycles make points, fails over to {@code selector}. */
  private RecoveryPoint failoverToAnExistingPoint(
      TestWorkflowEnvironment env, Worker worker, String selector) {
    world = new FailoverFixture(env, worker);
    world.protect();
    world.write("os", 1, DiskBytes.pattern(ReprotectFixture.BLOCK_SIZE, 1));
    world.awaitCycle(1);
    world.write("lun0", 2, DiskBytes.pattern(ReprotectFixture.BLOCK_SIZE, 2));
    world.awaitCycle(2);
    RecoveryPoint expected =
        switch (selector) {
          case PointSelector.LATEST_APP_CONSISTENT ->
              world.points().stream()
                  .filter(p -> p.type() == RecoveryPointType.AppConsistent)
                  .max(Comparator.comparing(RecoveryPoint::time))
                  .orElseThrow();
          default ->
              world.points().stream().max(Comparator.comparing(RecoveryPoint::time)).orElseThrow();
        };

    FailoverSummary summary =
        world.run(FailoverRequest.failover(world.vault(), world.vm(), selector, false));

    assertThat(summary.pointId()).isEqualTo(expected.id());
    assertThat(world.activeDiskChecksums()).isEqualTo(expected.diskChecksums());
    return expected;
  }

  @Test
  void aChangeOfPointBeforeCommitRecreatesTheDisksFromTheOtherPoint(
      TestWorkflowEnvironment env, Worker worker) {
    world = new FailoverFixture(env, worker);
    world.protect();
    String first = world.points().get(0).id();
    world.write("lun0", 3, DiskBytes.pattern(ReprotectFixture.BLOCK_SIZE, 9));
    world.awaitCycle(1);
    RecoveryPoint later =
        world.points().stream().max(Comparator.comparing(RecoveryPoint::time)).orElseThrow();
    assertThat(later.diskChecksums()).isNotEqualTo(world.point(first).diskChecksums());
    world.run(FailoverRequest.failover(world.vault(), world.vm(), first, false));
    var replacedDisks = world.activeVm().disks();

    FailoverSummary changed =
        world.run(FailoverRequest.changePoint(world.vault(), world.vm(), later.id()));

    assertThat(changed.pointId()).isEqualTo(later.id());
    assertThat(world.item().state()).isEqualTo(ProtectionState.FailedOver);
    assertThat(world.activeVm().powerState().name()).isEqualTo("Running");
    assertThat(world.activeDiskChecksums()).isEqualTo(later.diskChecksums());
    assertThat(replacedDisks)
        .allSatisfy(
            disk ->
                assertThat(world.reprotect.azure.storage().blob(disk.vhd()))
                    .as("replaced disk")
                    .isEmpty());
  }

  @Test
  void aChangeToThePointTheVmRunsOnLeavesItRunningOnItsDisks(
      TestWorkflowEnvironment env, Worker worker) {
    world = new FailoverFixture(env, worker);
    world.protectWithoutCycles();
    String first = world.points().get(0).id();
    world.run(FailoverRequest.failover(world.vault(), world.vm(), first, false));
    var disks = world.activeVm().disks();
    Map<String, String> checksums = world.activeDiskChecksums();
    int powerOffs = world.reprotect.azure.faults().callCount("powerOff");

    FailoverSummary unchanged =
        world.run(FailoverRequest.changePoint(world.vault(), world.vm(), first));

    assertThat(unchanged.pointId()).isEqualTo(first);
    assertThat(world.reprotect.azure.faults().callCount("powerOff"))
        .as("VMs turned off")
        .isEqualTo(powerOffs);
    assertThat(world.activeVm().powerState().name()).isEqualTo("Running");
    assertThat(world.activeVm().disks()).isEqualTo(disks);
    assertThat(world.activeDiskChecksums()).isEqualTo(checksums);
    assertThat(world.job().steps())
        .filteredOn(step -> step.step() == FailoverStep.StopVm)
        .singleElement()
        .satisfies(step -> assertThat(step.state()).isEqualTo(StepState.Skipped));
    assertThat(world.item().state()).isEqualTo(ProtectionState.FailedOver);
  }

  @Test
  void aShutdownOfTheSourceInAnOutageIsRecordedAndTheFailoverGoesOn(
      TestWorkflowEnvironment env, Worker worker) {
    world = new FailoverFixture(env, worker);
    world.protect();
    String source = world.item().source().region();
    world.reprotect.azure.resources().setRegionAvailable(OPERATOR, source, false);

    FailoverSummary summary =
        world.run(
            FailoverRequest.failover(
                world.vault(), world.vm(), PointSelector.LATEST_PROCESSED, true));

    assertThat(summary.sourceShutdown()).isEqualTo("Failed: RegionUnavailable");
    JobStep<FailoverStep> shutdown =
        world.job().steps().stream()
            .filter(step -> step.step() == FailoverStep.ShutdownSource)
            .findFirst()
            .orElseThrow();
    assertThat(shutdown.state()).isEqualTo(StepState.Failed);
    assertThat(shutdown.detail()).contains("the failover goes on");
    assertThat(world.item().state()).isEqualTo(ProtectionState.FailedOver);
    assertThat(world.activeDiskChecksums())
        .isEqualTo(world.point(summary.pointId()).diskChecksums());
  }

  /**
   * The VM lost in its region after it was protected, the classic reason to fail over: the network
   * to boot on is mapped from the one the protection recorded on the item. The seeded item is made
   * one recorded before sides carried their network, so the reprotect records it.
   */
  @Test
  void aFailoverOfAnItemWhoseSourceVmWasDeletedBootsOnTheMappedNetwork(
      TestWorkflowEnvironment env, Worker worker) {
    world = new FailoverFixture(env, worker);
    ReplicatedItem seeded = world.item();
    world
        .reprotect
        .azure
        .recoveryServices()
        .putReplicatedItem(
            OPERATOR,
            new ReplicatedItem(
                seeded.vault(),
                seeded.name(),
                seeded.primary().withNetwork(null),
                seeded.recovery().withNetwork(null),
                seeded.activeLocation(),
                seeded.state(),
                seeded.policy(),
                seeded.cacheStorageAccount(),
                seeded.replicaDisks(),
                seeded.runningOperation(),
                seeded.failoverCommitted(),
                seeded.migrationCompleted(),
                seeded.reprotectCycles(),
                seeded.testFailoverLive()));
    world.protectWithoutCycles();
    ReplicatedItem protectedItem = world.item();
    VirtualMachine lost = world.activeVm();
    String mapped =
        world
            .reprotect
            .azure
            .network()
            .networkMapping(
                protectedItem.source().region(), lost.networkId(), protectedItem.target().region())
            .orElseThrow()
            .targetNetworkId();
    world
        .reprotect
        .azure
        .compute()
        .deleteVirtualMachine(OPERATOR, lost.resourceGroup(), lost.name());

    FailoverSummary summary =
        world.run(
            FailoverRequest.failover(
                world.vault(), world.vm(), PointSelector.LATEST_PROCESSED, false));

    ReplicatedItem item = world.item();
    assertThat(item.state()).isEqualTo(ProtectionState.FailedOver);
    VirtualMachine booted = world.activeVm();
    assertThat(booted.location()).isEqualTo(protectedItem.target().region());
    assertThat(booted.networkId()).isEqualTo(mapped);
    assertThat(booted.powerState()).isEqualTo(PowerState.Running);
    assertThat(world.activeDiskChecksums())
        .isEqualTo(world.point(summary.pointId()).diskChecksums());
    assertThat(item.source().network()).as("recorded for the failback").isEqualTo(mapped);
  }

  @Test
  void failoverCommitAndReprotectProtectTheVmInTheOtherDirectionWithEqualChecksums(
      TestWorkflowEnvironment env, Worker worker) {
    world = new FailoverFixture(env, worker);
    world.protect();
    String original = world.item().source().region();
    String originalAccount = world.activeVm().disks().get(0).vhd().storageAccount();
    // A cut no point was made of: the replication stopped while it shipped it.
    new Cuts(world.reprotect.azure)
        .take(OPERATOR, world.activeVm().resourceGroup(), world.vm(), "in-flight", false);
    world.run(FailoverRequest.failover(world.vault(), world.vm(), PointSelector.LATEST, true));

    FailoverSummary committed = world.run(FailoverRequest.commit(world.vault(), world.vm()));
    assertThat(cutSnapshots(originalAccount))
        .as("the commit keeps a cut no point references")
        .isNotEmpty();

    assertThat(committed.state()).isEqualTo("FailoverCommitted");
    assertThat(world.item().state()).isEqualTo(ProtectionState.FailoverCommitted);
    assertThat(world.item().failoverCommitted()).isTrue();
    assertThat(world.points())
        .extracting(RecoveryPoint::id)
        .as("commit deletes the recovery points but the one its lineage ran from")
        .containsExactly(world.item().lineagePoint());

    ProtectionSummary back = world.protect();

    ReplicatedItem item = world.item();
    assertThat(item.state()).isEqualTo(ProtectionState.Protected);
    assertThat(item.target().region())
        .as("replicating back to where it came from")
        .isEqualTo(original);
    for (DiskSummary disk : back.disks()) {
      assertThat(disk.targetChecksum()).isEqualTo(disk.sourceChecksum());
    }
    for (var replica : item.replicaDisks()) {
      assertThat(DiskBytes.checksum(world.reprotect.azure.storage(), replica.replica()))
          .as("replica %s read from its bytes", replica.slot())
          .isEqualTo(
              DiskBytes.checksum(
                  world.reprotect.azure.storage(), world.activeDisk(replica.slot())));
    }
    assertThat(cutSnapshots(originalAccount)).as("cuts of the deleted stale VM").isEmpty();
  }

  private List<BlobSnapshot> cutSnapshots(String storageAccount) {
    return world.reprotect.azure.storage().snapshots(storageAccount, Cuts.CONTAINER, "");
  }

  @Test
  void aFailoverThatFailsBeforeItsVmExistsReturnsTheItemToProtectedAndResumesItsReplication(
      TestWorkflowEnvironment env, Worker worker) {
    world = new FailoverFixture(env, worker);
    world.protect();
    int copies = world.reprotect.azure.faults().callCount("copyBlob");
    world
        .reprotect
        .azure
        .faults()
        .failCalls("copyBlob", copies + 1, 1, AzureErrorCode.ResourceNotFound);
    FailoverRequest request =
        FailoverRequest.failover(world.vault(), world.vm(), PointSelector.LATEST_PROCESSED, false);

    assertThatThrownBy(() -> world.run(request)).isInstanceOf(WorkflowFailedException.class);

    assertThat(world.item().state()).isEqualTo(ProtectionState.Protected);
    assertThat(world.item().runningOperation()).isNull();
    assertThat(world.job().errorMessage())
        .contains("is Protected again, as before the job", "its replication restarted from cut");
    assertThat(world.replicationState())
        .as("the resumed replication")
        .isEqualTo(ReplicationState.Running);
    world.awaitCycle(1);

    FailoverSummary rerun = world.run(request);

    assertThat(world.item().state()).isEqualTo(ProtectionState.FailedOver);
    assertThat(world.activeDiskChecksums()).isEqualTo(world.point(rerun.pointId()).diskChecksums());
  }

  @Test
  void aFailoverThatFailsOnceItsVmExistsLeavesFailoverFailedAndARerunFailsOver(
      TestWorkflowEnvironment env, Worker worker) {
    world = new FailoverFixture(env, worker);
    world.protect();
    FailoverRequest request =
        FailoverRequest.failover(world.vault(), world.vm(), PointSelector.LATEST_PROCESSED, false);

    world.failOverWithoutBooting();
    assertThat(world.item().runningOperation()).isNull();
    assertThat(world.replicationState())
        .as("no replication resumed")
        .isNotEqualTo(ReplicationState.Running);

    FailoverSummary rerun = world.run(request);

    assertThat(
            world.job().steps().stream()
                .filter(step -> step.step() == FailoverStep.StopReplication)
                .findFirst()
                .orElseThrow()
                .detail())
        .contains("not running");
    assertThat(world.item().state()).isEqualTo(ProtectionState.FailedOver);
    assertThat(world.activeDiskChecksums()).isEqualTo(world.point(rerun.pointId()).diskChecksums());
  }

  @Test
  void aVmInAnAvailabilitySetFailsOverIntoTheSetRecordedOnTheItemAndFailsBack(
      TestWorkflowEnvironment env, Worker worker) {
    world =
        new FailoverFixture(
            env, worker, ReprotectFixture.scenario().dataDisks(1).inAvailabilitySet(true).build());
    world.protect();
    String recorded = world.item().target().availabilitySet();
    assertThat(recorded).isNotNull();

    world.run(
        FailoverRequest.failover(world.vault(), world.vm(), PointSelector.LATEST_PROCESSED, false));

    assertThat(recorded).endsWith("/" + world.activeVm().availabilitySet());
    world.run(FailoverRequest.commit(world.vault(), world.vm()));
    assertThat(world.protect().state()).isEqualTo("Protected");
  }

  @Test
  void aDiskThatDoesNotHashToItsPointsChecksumFailsTheFailoverAndReleasesTheItem(
      TestWorkflowEnvironment env, Worker worker) {
    world = new FailoverFixture(env, worker);
    world.protectWithoutCycles();
    RecoveryPoint point = world.points().get(0);
    // The point's snapshot damaged after its checksum was recorded. A snapshot takes no write:
    // it is replaced by a blob of its name that holds it with one block changed.
    StorageApi storage = world.reprotect.azure.storage();
    BlobRef snapshot = point.disks().get(0);
    BlobRef copy = new BlobRef(snapshot.storageAccount(), "damaged", snapshot.blob());
    storage.copyBlob(OPERATOR, snapshot, copy);
    storage.deleteBlob(OPERATOR, snapshot);
    storage.copyBlob(OPERATOR, copy, snapshot);
    storage.writeBlock(OPERATOR, snapshot, 1, DiskBytes.pattern(ReprotectFixture.BLOCK_SIZE, 5));

    assertThatThrownBy(
            () -> world.run(FailoverRequest.failover(world.vault(), world.vm(), point.id(), false)))
        .isInstanceOf(WorkflowFailedException.class);

    assertThat(world.job().errorCode()).isEqualTo("FailoverDiskMismatch");
    assertThat(world.item().state())
        .as("no VM was made from the damaged point")
        .isEqualTo(ProtectionState.Protected);
    assertThat(world.item().runningOperation()).as("the item is released").isNull();
  }

  /** Two disks: one copy fails at once, the other is held while the test watches the item. */
  @Test
  void aFailedDiskCopyReleasesTheItemOnlyOnceTheOtherCopyHasEnded(
      TestWorkflowEnvironment env, Worker worker) {
    world = new FailoverFixture(env, worker);
    world.protectWithoutCycles();
    int copies = world.reprotect.azure.faults().callCount("copyBlob");
    world
        .reprotect
        .azure
        .faults()
        .failCalls("copyBlob", copies + 1, 1, AzureErrorCode.ResourceNotFound);
    AtomicBoolean releasedWhileCopying = new AtomicBoolean();
    world
        .reprotect
        .azure
        .faults()
        .onCall(
            "copyBlob",
            copies + 2,
            () -> releasedWhileCopying.set(world.awaitRelease(Duration.ofSeconds(5))));

    assertThatThrownBy(
            () ->
                world.run(
                    FailoverRequest.failover(
                        world.vault(), world.vm(), PointSelector.LATEST_PROCESSED, false)))
        .isInstanceOf(WorkflowFailedException.class);

    assertThat(releasedWhileCopying).as("the item was released while a disk was copied").isFalse();
    assertThat(world.item().state()).isEqualTo(ProtectionState.Protected);
    assertThat(world.job().errorCode()).isEqualTo("ResourceNotFound");
  }
}
