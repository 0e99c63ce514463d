package dev.reprotect.activities.replication;

import dev.reprotect.activities.LongOperationWait;
import dev.reprotect.activities.ProtectionPlan;
import dev.reprotect.activities.ReplicationErrorCode;
import dev.reprotect.azure.AzureBackend;
import dev.reprotect.azure.BlobRef;
import dev.reprotect.azure.Caller;
import dev.reprotect.azure.CutDisk;
import dev.reprotect.azure.Cuts;
import dev.reprotect.azure.ReplicaDisk;
import dev.reprotect.azure.ReplicatedItem;
import dev.reprotect.azure.VmCut;
import dev.reprotect.azure.VmDisk;
import io.temporal.failure.ApplicationFailure;
import java.util.Optional;

/**
 * A disk attached to a protected VM brought into its replication: its snapshot in the cut the
 * replicas hold is copied whole to a new replica across regions (storage's copy, which resends a
 * block that arrived different), the copy is verified from both sides' recorded hashes, and the
 * replica joins the item's. The replica is named as a reprotect names them, so that disable and the
 * next reprotect know it.
 */
final class DiskAddition {
  private final AzureBackend azure;
  private final Cuts cuts;

  DiskAddition(AzureBackend azure, Cuts cuts) {
    this.azure = azure;
    this.cuts = cuts;
  }

  ReplicaAdded add(Caller caller, ReplicatedItem item, AddReplicaDisk request) {
    String group = item.source().resourceGroup();
    VmDisk disk =
        azure.compute().virtualMachine(group, request.vm()).stream()
            .flatMap(vm -> vm.disks().stream())
            .filter(attached -> attached.name().equals(request.diskName()))
            .findFirst()
            .orElseThrow(
                () ->
                    ApplicationFailure.newNonRetryableFailure(
                        String.format(
                            "%s has no disk named %s; its disks are the ones `reprotect replication` warns of",
                            request.vm(), request.diskName()),
                        ReplicationErrorCode.DiskNotFound.name()));
    Optional<ReplicaDisk> replicated =
        item.replicaDisks().stream()
            .filter(replica -> replica.slot().equals(disk.slot()))
            .findFirst();
    if (replicated.isPresent()) {
      return added(caller, replicated.get(), request.baseCutId());
    }
    CutDisk inCut =
        cuts.find(group, request.vm(), request.baseCutId())
            .flatMap(cut -> inCut(cut, disk.slot()))
            .orElseThrow(
                () ->
                    ApplicationFailure.newNonRetryableFailure(
                        String.format(
                            "disk %s was attached to %s after cut %s, which the replicas hold: add it once the "
                                + "next cycle has shipped a cut that has it",
                            request.diskName(), request.vm(), request.baseCutId()),
                        ReplicationErrorCode.DiskNotInBaseCut.name()));
    BlobRef replica =
        new BlobRef(
            item.target().storageAccount(),
            ProtectionPlan.SEED_CONTAINER,
            disk.name() + ".cycle" + item.reprotectCycles() + ".vhd");
    if (azure.storage().blob(replica).isEmpty()) {
      LongOperationWait.awaitEnd(
          azure.longOperations(),
          replica.toString(),
          () -> azure.longOperations().beginCopyBlob(caller, inCut.snapshot(), replica));
    }
    String source = azure.storage().recordedChecksum(caller, inCut.snapshot());
    String copied = azure.storage().recordedChecksum(caller, replica);
    if (!source.equals(copied)) {
      // A copy that ended different is deleted, so that the retry copies again.
      azure.storage().deleteBlob(caller, replica);
      throw ApplicationFailure.newFailure(
          String.format(
              "the copy of %s to %s ended with " + "checksum %s, not the cut's %s",
              inCut.snapshot(), replica, copied, source),
          ReplicationErrorCode.CorruptedTransfer.name());
    }
    ReplicaDisk added = new ReplicaDisk(disk.slot(), disk.name(), replica);
    azure.recoveryServices().addReplicaDisk(caller, item.vault(), item.name(), added);
    return new ReplicaAdded(added.slot(), added.sourceDisk(), replica, request.baseCutId(), copied);
  }

  private ReplicaAdded added(Caller caller, ReplicaDisk replica, String cutId) {
    return new ReplicaAdded(
        replica.slot(),
        replica.sourceDisk(),
        replica.replica(),
        cutId,
        azure.storage().recordedChecksum(caller, replica.replica()));
  }

  private static Optional<CutDisk> inCut(VmCut cut, String slot) {
    return cut.disks().stream().filter(disk -> disk.slot().equals(slot)).findFirst();
  }
}
