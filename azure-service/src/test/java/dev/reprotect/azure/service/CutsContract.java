package dev.reprotect.azure.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reprotect.azure.ActivityLogEntry;
import dev.reprotect.azure.AzureErrorCode;
import dev.reprotect.azure.BlobRef;
import dev.reprotect.azure.ChurnPattern;
import dev.reprotect.azure.ChurnSpec;
import dev.reprotect.azure.CutDisk;
import dev.reprotect.azure.Cuts;
import dev.reprotect.azure.PageRange;
import dev.reprotect.azure.RecoveryPoint;
import dev.reprotect.azure.RecoveryPointType;
import dev.reprotect.azure.ReplicaCuts;
import dev.reprotect.azure.ReplicaDisk;
import dev.reprotect.azure.ReplicatedItem;
import dev.reprotect.azure.VirtualMachine;
import dev.reprotect.azure.VmCut;
import dev.reprotect.azure.WriteHold;
import dev.reprotect.azure.sim.FaultInjector.GuestAgentFault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every backend promises about cuts (made of holds and snapshots), the guests' writes and
 * their agent's holds, and recovery points, written once and run in-process and over HTTP like
 * {@link AzureBackendContract}.
 */
abstract class CutsContract extends BackendContractBase {
  private static final Duration LIMIT = Duration.ofSeconds(30);

  private VirtualMachine vm;

  @BeforeEach
  void aRunningVm() {
    account("steast", RG_EAST, EAST);
    vm = vm("web-01", RG_EAST, EAST, "steast", null, null);
  }

  @Test
  void aCutIsTakenOnceReadBackAndDeletedWithItsSnapshots() {
    Cuts cuts = new Cuts(azure);
    VmCut cut = cuts.take(CALLER, RG_EAST, "web-01", "cut-1", false);

    assertThat(cuts.take(CALLER, RG_EAST, "web-01", "cut-1", false)).isEqualTo(cut);
    assertThat(cuts.find(RG_EAST, "web-01", "cut-1")).contains(cut);
    assertThat(cuts.list(RG_EAST, "web-01")).containsExactly(cut);
    assertThat(cut.disks()).extracting(CutDisk::slot).containsExactly("os", "lun0");
    assertThat(cut.disks())
        .allSatisfy(
            disk ->
                assertThat(disk.snapshot())
                    .isEqualTo(
                        new BlobRef("steast", "cuts", "web-01.cut-1." + disk.slot() + ".vhd")));
    assertThat(azure.storage().snapshot(cut.disk("os").snapshot()))
        .hasValueSatisfying(snapshot -> assertThat(snapshot.base()).isEqualTo(vm.osDisk().vhd()));
    assertThat(azure.storage().checksum(CALLER, cut.disk("os").snapshot()))
        .isEqualTo(azure.storage().checksum(CALLER, vm.osDisk().vhd()));

    cuts.delete(CALLER, RG_EAST, "web-01", "cut-1");
    cuts.delete(CALLER, RG_EAST, "web-01", "cut-1");

    assertThat(cuts.find(RG_EAST, "web-01", "cut-1")).isEmpty();
    assertThat(azure.storage().blob(cut.disk("os").snapshot())).isEmpty();
    assertThat(azure.metering().activityLog())
        .extracting(ActivityLogEntry::operation)
        .containsOnlyOnce(
            "Microsoft.Compute/virtualMachines/writeHolds/write",
            "Microsoft.Compute/virtualMachines/writeHolds/release");
    assertThat(azure.exportState()).isEqualTo(sim.exportState());
  }

  @Test
  void snapshotsTakenOutsideOneReleasedHoldAreNoCut() {
    Cuts cuts = new Cuts(azure);
    VmCut cut = cuts.take(CALLER, RG_EAST, "web-01", "cut-1", false);
    // A crash half-way: the data disk's snapshot is gone, or was taken under another hold.
    azure.storage().deleteBlob(CALLER, cut.disk("lun0").snapshot());
    assertThat(cuts.find(RG_EAST, "web-01", "cut-1")).isEmpty();
    azure
        .storage()
        .snapshotBlob(
            CALLER,
            vm.dataDisks().get(0).vhd(),
            cut.disk("lun0").snapshot(),
            Map.of(
                "vm",
                "web-01",
                "cut",
                "cut-1",
                "hold",
                "other",
                "slot",
                "lun0",
                "disk",
                "web-01-data0",
                "disks",
                "2"));
    assertThat(cuts.find(RG_EAST, "web-01", "cut-1")).isEmpty();
    assertThat(cuts.list(RG_EAST, "web-01")).isEmpty();

    // A retry takes the cut again, whole, under a hold of its own.
    VmCut retaken = cuts.take(CALLER, RG_EAST, "web-01", "cut-1", false);
    assertThat(cuts.find(RG_EAST, "web-01", "cut-1")).contains(retaken);
  }

  @Test
  void theGuestsWritesBetweenTwoCutsAreTheDiffOfTheirSnapshots() {
    Cuts cuts = new Cuts(azure);
    VmCut base = cuts.take(CALLER, RG_EAST, "web-01", "base", false);
    azure.workload().write(RG_EAST, "web-01", "lun0", 2, block(2));
    azure.workload().write(RG_EAST, "web-01", "lun0", 0, new byte[BLOCK_SIZE]);
    VmCut next = cuts.take(CALLER, RG_EAST, "web-01", "next", false);

    assertThat(
            azure
                .storage()
                .pageRangesDiff(
                    CALLER, next.disk("lun0").snapshot(), base.disk("lun0").snapshot(), 0, 4, 100)
                .ranges())
        .containsExactly(new PageRange(0, 1), new PageRange(2, 1));
    assertThat(
            azure
                .storage()
                .pageRangesDiff(
                    CALLER, next.disk("os").snapshot(), base.disk("os").snapshot(), 0, 4, 100)
                .ranges())
        .isEmpty();
    assertCode(
        () ->
            azure
                .storage()
                .pageRangesDiff(
                    CALLER, next.disk("os").snapshot(), base.disk("lun0").snapshot(), 0, 4, 100),
        AzureErrorCode.InvalidParameter);
  }

  @Test
  void whatIsNotThereIsNotFoundAndBadIdsAreRefused() {
    Cuts cuts = new Cuts(azure);
    assertCode(
        () -> cuts.take(CALLER, RG_EAST, "web-02", "cut-1", false),
        AzureErrorCode.ResourceNotFound);
    assertCode(
        () -> cuts.take(CALLER, RG_EAST, "web-01", "a b", false),
        AzureErrorCode.InvalidResourceName);
    assertThat(cuts.find(RG_EAST, "web-01", "..")).isEmpty();
    assertThat(cuts.list(RG_EAST, "web-01")).isEmpty();
    cuts.delete(CALLER, RG_EAST, "web-01", "a/b");
    assertThat(azure.workload().writeHold(RG_EAST, "web-01", "none")).isEmpty();
    assertCode(
        () -> azure.workload().releaseWrites(CALLER, RG_EAST, "web-01", "none"),
        AzureErrorCode.ResourceNotFound);
  }

  @Test
  void aHoldIsTakenOnceQuiescesWhenAskedAndIsReleasedOnce() {
    WriteHold hold = azure.workload().holdWrites(CALLER, RG_EAST, "web-01", "h1", LIMIT, true);

    assertThat(hold.quiesced()).isTrue();
    assertThat(hold.state()).isEqualTo(WriteHold.State.Held);
    assertThat(hold.expiresAt()).isAfter(hold.heldAt());
    assertThat(azure.workload().holdWrites(CALLER, RG_EAST, "web-01", "h1", LIMIT, true))
        .isEqualTo(hold);
    assertCode(
        () -> azure.workload().holdWrites(CALLER, RG_EAST, "web-01", "h2", LIMIT, false),
        AzureErrorCode.Conflict);

    WriteHold released = azure.workload().releaseWrites(CALLER, RG_EAST, "web-01", "h1");

    assertThat(released).isEqualTo(hold.withState(WriteHold.State.Released));
    assertThat(azure.workload().releaseWrites(CALLER, RG_EAST, "web-01", "h1")).isEqualTo(released);
    assertThat(azure.workload().writeHold(RG_EAST, "web-01", "h1")).contains(released);
    azure.workload().write(RG_EAST, "web-01", "os", 1, block(1));
  }

  @Test
  void anAgentThatDoesNotAnswerHoldsNothingAndOneThatCannotQuiesceSaysSo() {
    sim.faults().guestAgent(RG_EAST, "web-01", GuestAgentFault.Unresponsive);

    assertCode(
        () -> azure.workload().holdWrites(CALLER, RG_EAST, "web-01", "h1", LIMIT, true),
        AzureErrorCode.GuestAgentUnresponsive);
    assertCode(
        () -> new Cuts(azure).take(CALLER, RG_EAST, "web-01", "cut-1", false),
        AzureErrorCode.GuestAgentUnresponsive);
    assertThat(azure.workload().writeHold(RG_EAST, "web-01", "h1")).isEmpty();
    assertThat(new Cuts(azure).find(RG_EAST, "web-01", "cut-1")).isEmpty();
    azure.workload().write(RG_EAST, "web-01", "os", 1, block(1));

    sim.faults().guestAgent(RG_EAST, "web-01", GuestAgentFault.QuiesceUnacknowledged);
    assertThat(new Cuts(azure).take(CALLER, RG_EAST, "web-01", "cut-1", true).appConsistent())
        .isFalse();
    sim.faults().guestAgent(RG_EAST, "web-01", null);
    assertThat(new Cuts(azure).take(CALLER, RG_EAST, "web-01", "cut-2", true).appConsistent())
        .isTrue();
  }

  @Test
  void theGuestWritesOnlyWhileItsVmRunsAndItsWritesAreNotLogged() {
    int logged = azure.metering().activityLog().size();

    azure.workload().write(RG_EAST, "web-01", "os", 1, block(11));
    assertThat(azure.storage().readBlock(CALLER, vm.osDisk().vhd(), 1)).isEqualTo(block(11));
    assertThat(azure.metering().activityLog()).hasSize(logged);

    azure.compute().powerOff(CALLER, RG_EAST, "web-01");
    assertCode(
        () -> azure.workload().write(RG_EAST, "web-01", "os", 1, block(12)),
        AzureErrorCode.Conflict);
    assertThat(azure.workload().holdWrites(CALLER, RG_EAST, "web-01", "h1", LIMIT, true).quiesced())
        .isFalse();
  }

  @Test
  void churnStartsReportsAndStops() {
    ChurnSpec spec = new ChurnSpec(0.5, ChurnPattern.HotSpot, 9);

    azure.workload().startChurn(RG_EAST, "web-01", spec);
    azure.workload().startChurn(RG_EAST, "web-01", spec);

    assertThat(azure.workload().churn(RG_EAST, "web-01"))
        .hasValueSatisfying(status -> assertThat(status.spec()).isEqualTo(spec));
    azure.workload().stopChurn(RG_EAST, "web-01");
    azure.workload().stopChurn(RG_EAST, "web-01");
    assertThat(azure.workload().churn(RG_EAST, "web-01")).isEmpty();
    assertCode(
        () -> azure.workload().startChurn(RG_EAST, "web-02", spec),
        AzureErrorCode.ResourceNotFound);
  }

  @Test
  void aPointRecordsItsCutAndChecksumsAndIsDeletedWithItsSnapshots() {
    ReplicatedItem item = item();
    BlobRef replica = new BlobRef("steast", "replicas", "web-01-os.vhd");
    azure.storage().createPageBlob(CALLER, replica, 4L * BLOCK_SIZE);
    azure.storage().writeBlock(CALLER, replica, 3, block(3));
    azure
        .recoveryServices()
        .putReplicatedItem(
            CALLER,
            item.withReplicationTo(
                item.target(),
                item.source().network(),
                null,
                List.of(new ReplicaDisk("os", "web-01-osdisk", replica)),
                item.reprotectCycles()));
    String checksum = azure.storage().checksum(CALLER, replica);

    RecoveryPoint point =
        azure
            .recoveryServices()
            .createRecoveryPoint(
                CALLER, "contoso", "web-01", "p1", RecoveryPointType.AppConsistent, "cut-9");

    assertThat(point.cutId()).isEqualTo("cut-9");
    assertThat(point.diskChecksums()).isEqualTo(Map.of("os", checksum));
    assertThat(azure.recoveryServices().recoveryPoints("contoso", "web-01")).containsExactly(point);

    azure.recoveryServices().deleteRecoveryPoint(CALLER, "contoso", "web-01", "p1");
    azure.recoveryServices().deleteRecoveryPoint(CALLER, "contoso", "web-01", "p1");

    assertThat(azure.recoveryServices().recoveryPoints("contoso", "web-01")).isEmpty();
    assertThat(azure.storage().blob(point.disks().get(0))).isEmpty();
    assertThat(azure.storage().blob(replica)).isPresent();
  }

  @Test
  void aPointIsDatedByTheCutItHoldsNotByWhenItWasMade() {
    ReplicatedItem item = item();
    account("stse", RG_SE, SOUTHEAST);
    vm("web-01", RG_SE, SOUTHEAST, "stse", null, null);
    VmCut cut = new Cuts(azure).take(CALLER, RG_SE, "web-01", "cut-1", false);
    BlobRef replica = new BlobRef("steast", "replicas", "web-01-os.vhd");
    azure.storage().createPageBlob(CALLER, replica, 4L * BLOCK_SIZE);
    azure
        .recoveryServices()
        .putReplicatedItem(
            CALLER,
            item.withReplicationTo(
                item.target(),
                item.source().network(),
                null,
                List.of(new ReplicaDisk("os", "web-01-osdisk", replica)),
                item.reprotectCycles()));

    RecoveryPoint point =
        azure
            .recoveryServices()
            .createRecoveryPoint(
                CALLER, "contoso", "web-01", "p1", RecoveryPointType.CrashConsistent, "cut-1");

    assertThat(point.time()).isEqualTo(cut.time());
    assertThat(azure.recoveryServices().recoveryPoints("contoso", "web-01"))
        .extracting(RecoveryPoint::time)
        .containsExactly(cut.time());
  }

  @Test
  void theReplicasCutIsRecordedOnTheItemAndChangesNothingElse() {
    ReplicatedItem item = item();
    ReplicaCuts shipping = ReplicaCuts.at("cut-1").shipping("cut-2");

    ReplicatedItem recorded =
        azure.recoveryServices().recordReplicaCuts(CALLER, "contoso", "web-01", shipping);

    assertThat(recorded).isEqualTo(item.withReplicaCuts(shipping));
    assertThat(azure.recoveryServices().replicatedItem("contoso", "web-01")).contains(recorded);
    assertThat(shipping.shipping("cut-2")).isEqualTo(shipping);
    assertThat(shipping.inTransit()).containsExactly("cut-2");
    assertThat(azure.exportState()).isEqualTo(sim.exportState());
    assertCode(
        () ->
            azure
                .recoveryServices()
                .recordReplicaCuts(CALLER, "contoso", "web-02", ReplicaCuts.at("cut-1")),
        AzureErrorCode.ResourceNotFound);
  }
}
