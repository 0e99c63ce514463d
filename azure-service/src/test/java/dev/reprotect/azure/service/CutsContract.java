package dev.reprotect.azure.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reprotect.azure.ActivityLogEntry;
import dev.reprotect.azure.AzureErrorCode;
import dev.reprotect.azure.BlobRef;
import dev.reprotect.azure.ChurnPattern;
import dev.reprotect.azure.ChurnSpec;
import dev.reprotect.azure.CutDisk;
import dev.reprotect.azure.PageRange;
import dev.reprotect.azure.RecoveryPoint;
import dev.reprotect.azure.RecoveryPointType;
import dev.reprotect.azure.ReplicaCuts;
import dev.reprotect.azure.ReplicaDisk;
import dev.reprotect.azure.ReplicatedItem;
import dev.reprotect.azure.VirtualMachine;
import dev.reprotect.azure.VmCut;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every backend promises about cuts, the guests' writes and recovery points, written once
 * and run in-process and over HTTP like {@link AzureBackendContract}.
 */
abstract class CutsContract extends BackendContractBase {
  private VirtualMachine vm;

  @BeforeEach
  void aRunningVm() {
    account("steast", RG_EAST, EAST);
    vm = vm("web-01", RG_EAST, EAST, "steast", null, null);
  }

  @Test
  void aCutIsTakenOnceReadBackAndDeletedWithItsSnapshots() {
    VmCut cut = azure.compute().createCut(CALLER, RG_EAST, "web-01", "cut-1");

    assertThat(azure.compute().createCut(CALLER, RG_EAST, "web-01", "cut-1")).isEqualTo(cut);
    assertThat(azure.compute().cut(RG_EAST, "web-01", "cut-1")).contains(cut);
    assertThat(azure.compute().cuts(RG_EAST, "web-01")).containsExactly(cut);
    assertThat(cut.disks()).extracting(CutDisk::slot).containsExactly("os", "lun0");
    assertThat(cut.disks()).allSatisfy(disk -> assertThat(disk.snapshot())
        .isEqualTo(new BlobRef("steast", "cuts", "web-01.cut-1." + disk.slot() + ".vhd")));
    assertThat(azure.storage().checksum(CALLER, cut.disk("os").snapshot()))
        .isEqualTo(azure.storage().checksum(CALLER, vm.osDisk().vhd()));

    azure.compute().deleteCut(CALLER, RG_EAST, "web-01", "cut-1");
    azure.compute().deleteCut(CALLER, RG_EAST, "web-01", "cut-1");

    assertThat(azure.compute().cut(RG_EAST, "web-01", "cut-1")).isEmpty();
    assertThat(azure.storage().blob(cut.disk("os").snapshot())).isEmpty();
    assertThat(azure.metering().activityLog()).extracting(ActivityLogEntry::operation)
        .containsOnlyOnce("Microsoft.Compute/virtualMachines/cuts/write",
            "Microsoft.Compute/virtualMachines/cuts/delete");
    assertThat(azure.exportState()).isEqualTo(sim.exportState());
  }

  @Test
  void theGuestsWritesBetweenTwoCutsAreTheDiffOfTheirSnapshots() {
    VmCut base = azure.compute().createCut(CALLER, RG_EAST, "web-01", "base");
    azure.workload().write(RG_EAST, "web-01", "lun0", 2, block(2));
    azure.workload().write(RG_EAST, "web-01", "lun0", 0, new byte[BLOCK_SIZE]);
    VmCut next = azure.compute().createCut(CALLER, RG_EAST, "web-01", "next");

    assertThat(azure.storage().pageRangesDiff(CALLER, next.disk("lun0").snapshot(),
        base.disk("lun0").snapshot(), 0, 4, 100).ranges())
        .containsExactly(new PageRange(0, 1), new PageRange(2, 1));
    assertThat(azure.storage().pageRangesDiff(CALLER, next.disk("os").snapshot(),
        base.disk("os").snapshot(), 0, 4, 100).ranges()).isEmpty();
  }

  @Test
  void whatIsNotThereIsNotFoundAndBadIdsAreRefused() {
    assertCode(() -> azure.compute().createCut(CALLER, RG_EAST, "web-02", "cut-1"),
        AzureErrorCode.ResourceNotFound);
    assertCode(() -> azure.compute().createCut(CALLER, RG_EAST, "web-01", "a b"),
        AzureErrorCode.InvalidResourceName);
    assertThat(azure.compute().cut(RG_EAST, "web-01", "..")).isEmpty();
    assertThat(azure.compute().cuts(RG_EAST, "web-01")).isEmpty();
    azure.compute().deleteCut(CALLER, RG_EAST, "web-01", "a/b");
  }

  @Test
  void theGuestWritesOnlyWhileItsVmRunsAndItsWritesAreNotLogged() {
    int logged = azure.metering().activityLog().size();

    azure.workload().write(RG_EAST, "web-01", "os", 1, block(11));
    assertThat(azure.storage().readBlock(CALLER, vm.osDisk().vhd(), 1)).isEqualTo(block(11));
    assertThat(azure.metering().activityLog()).hasSize(logged);
    assertThat(azure.workload().quiesce(RG_EAST, "web-01")).isTrue();

    azure.compute().powerOff(CALLER, RG_EAST, "web-01");
    assertCode(() -> azure.workload().write(RG_EAST, "web-01", "os", 1, block(12)),
        AzureErrorCode.Conflict);
    assertThat(azure.workload().quiesce(RG_EAST, "web-01")).isFalse();
  }

  @Test
  void churnStartsReportsAndStops() {
    ChurnSpec spec = new ChurnSpec(0.5, ChurnPattern.HotSpot, 9);

    azure.workload().startChurn(RG_EAST, "web-01", spec);
    azure.workload().startChurn(RG_EAST, "web-01", spec);

    assertThat(azure.workload().churn(RG_EAST, "web-01")).hasValueSatisfying(
        status -> assertThat(status.spec()).isEqualTo(spec));
    azure.workload().stopChurn(RG_EAST, "web-01");
    azure.workload().stopChurn(RG_EAST, "web-01");
    assertThat(azure.workload().churn(RG_EAST, "web-01")).isEmpty();
    assertCode(() -> azure.workload().startChurn(RG_EAST, "web-02", spec),
        AzureErrorCode.ResourceNotFound);
  }

  @Test
  void aPointRecordsItsCutAndChecksumsAndIsDeletedWithItsSnapshots() {
    ReplicatedItem item = item();
    BlobRef replica = new BlobRef("steast", "replicas", "web-01-os.vhd");
    azure.storage().createPageBlob(CALLER, replica, 4L * BLOCK_SIZE);
    azure.storage().writeBlock(CALLER, replica, 3, block(3));
    azure.recoveryServices().putReplicatedItem(CALLER, item.withReplicationTo(item.target(),
        item.source().network(), null, List.of(new ReplicaDisk("os", "web-01-osdisk", replica)),
        item.reprotectCycles()));
    String checksum = azure.storage().checksum(CALLER, replica);

    RecoveryPoint point = azure.recoveryServices().createRecoveryPoint(CALLER, "contoso",
        "web-01", "p1", RecoveryPointType.AppConsistent, "cut-9");

    assertThat(point.cutId()).isEqualTo("cut-9");
    assertThat(point.diskChecksums()).isEqualTo(Map.of("os", checksum));
    assertThat(azure.recoveryServices().recoveryPoints("contoso", "web-01"))
        .containsExactly(point);

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
    VmCut cut = azure.compute().createCut(CALLER, RG_SE, "web-01", "cut-1");
    BlobRef replica = new BlobRef("steast", "replicas", "web-01-os.vhd");
    azure.storage().createPageBlob(CALLER, replica, 4L * BLOCK_SIZE);
    azure.recoveryServices().putReplicatedItem(CALLER, item.withReplicationTo(item.target(),
        item.source().network(), null, List.of(new ReplicaDisk("os", "web-01-osdisk", replica)),
        item.reprotectCycles()));

    RecoveryPoint point = azure.recoveryServices().createRecoveryPoint(CALLER, "contoso",
        "web-01", "p1", RecoveryPointType.CrashConsistent, "cut-1");

    assertThat(point.time()).isEqualTo(cut.time());
    assertThat(azure.recoveryServices().recoveryPoints("contoso", "web-01"))
        .extracting(RecoveryPoint::time).containsExactly(cut.time());
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
    assertCode(() -> azure.recoveryServices().recordReplicaCuts(CALLER, "contoso", "web-02",
        ReplicaCuts.at("cut-1")), AzureErrorCode.ResourceNotFound);
  }
}
