package dev.reprotect.activities.failover;

import dev.reprotect.azure.AzureBackend;
import dev.reprotect.azure.AzureErrorCode;
import dev.reprotect.azure.AzureException;
import dev.reprotect.azure.BlobRef;
import dev.reprotect.azure.BlobSnapshot;
import dev.reprotect.azure.Caller;
import dev.reprotect.azure.CutDisk;
import dev.reprotect.azure.Cuts;
import dev.reprotect.azure.DiskLineage;
import dev.reprotect.azure.LineageSnapshots;
import dev.reprotect.azure.PageBlob;
import dev.reprotect.azure.RecoveryPoint;
import dev.reprotect.azure.Region;
import dev.reprotect.azure.VirtualMachine;
import dev.reprotect.azure.VmDisk;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The lineage of the VM a failover (or a change of point) made, read from the backend once the VM
 * runs: its disks and their bases on the new side, the point their names say they were made from,
 * and that point's cut on the stale side. Everything is found by its business key, so a retry reads
 * the same lineage again.
 */
final class LineageReading {
  /** The stale side's half of one disk's lineage. */
  private record StaleDisk(BlobRef cutSnapshot, String checksum, BlobRef disk, long sizeBytes) {}

  private final AzureBackend azure;

  LineageReading(AzureBackend azure) {
    this.azure = azure;
  }

  /** The lineage of the plan's VM; empty when its disks were not made from one point. */
  List<DiskLineage> read(Caller caller, FailoverPlan plan) {
    Optional<VirtualMachine> vm =
        azure.compute().virtualMachine(plan.recoveryGroup(), plan.recoveryVmName());
    Optional<String> pointId = vm.flatMap(RecoveryVmActivitiesImpl::pointOfDisks);
    Optional<RecoveryPoint> point =
        pointId.flatMap(
            id ->
                azure.recoveryServices().recoveryPoints(plan.vault(), plan.vm()).stream()
                    .filter(candidate -> candidate.id().equals(id))
                    .findFirst());
    if (point.isEmpty()) {
      return List.of();
    }
    Map<String, StaleDisk> stale = staleSide(caller, plan, point.get().cutId());
    List<DiskLineage> lineage = new ArrayList<>();
    for (VmDisk disk : vm.get().disks()) {
      BlobRef base =
          LineageSnapshots.baseRef(
              plan.recoveryVmName(), point.get().id(), disk.slot(), disk.vhd());
      Optional<BlobSnapshot> taken =
          azure.storage().snapshot(base).filter(snapshot -> snapshot.base().equals(disk.vhd()));
      long size = azure.storage().blob(disk.vhd()).map(PageBlob::sizeBytes).orElse(0L);
      StaleDisk cut = stale.get(disk.slot());
      lineage.add(
          new DiskLineage(
              disk.slot(),
              point.get().id(),
              point.get().diskChecksums().get(disk.slot()),
              point.get().cutId(),
              cut == null ? null : cut.cutSnapshot(),
              cut == null ? null : cut.checksum(),
              cut == null ? null : cut.disk(),
              cut == null ? 0 : cut.sizeBytes(),
              disk.vhd(),
              size,
              taken.map(BlobSnapshot::ref).orElse(null)));
    }
    return lineage;
  }

  /**
   * The cut's snapshot of each stale disk, by slot, with storage's recorded checksum (one call,
   * nothing read); none when the cut is gone. A failover is often made because the stale side is
   * down: its region unavailable leaves the stale half unknown rather than failing the failover
   * that already booted its VM.
   */
  private Map<String, StaleDisk> staleSide(Caller caller, FailoverPlan plan, String cutId) {
    Map<String, StaleDisk> bySlot = new HashMap<>();
    boolean reachable =
        azure.resources().region(plan.sourceRegion()).map(Region::available).orElse(false);
    if (cutId == null || !reachable) {
      return bySlot;
    }
    try {
      new Cuts(azure)
          .find(plan.sourceGroup(), plan.vm(), cutId)
          .ifPresent(
              cut -> {
                for (CutDisk disk : cut.disks()) {
                  azure
                      .storage()
                      .snapshot(disk.snapshot())
                      .ifPresent(
                          snapshot ->
                              bySlot.put(
                                  disk.slot(),
                                  new StaleDisk(
                                      snapshot.ref(),
                                      azure.storage().recordedChecksum(caller, snapshot.ref()),
                                      snapshot.base(),
                                      snapshot.sizeBytes())));
                }
              });
    } catch (AzureException outage) {
      if (outage.code() != AzureErrorCode.RegionUnavailable) {
        throw outage;
      }
      bySlot.clear();
    }
    return bySlot;
  }
}
