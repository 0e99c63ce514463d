package dev.reprotect.azure;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The snapshots a failover's lineage keeps ({@link DiskLineage}): on the new side, a snapshot of
 * each disk the failover made, taken before the VM boots, named {@code <vm>.<pointId>.<slot>.vhd}
 * in container {@code lineage} of the disk's storage account (a name of its own, so that a retry
 * finds it, and no cut clean-up ever lists it); on the stale side, the snapshots of the cut the
 * point was made from, which stay in the {@code cuts} container they were taken in. A changed-block
 * reprotect adds the replica's base, a snapshot of its seed taken at the stale cut, named {@code
 * <vm>.cycle<n>.<slot>.replica.vhd} in the same container of the seed's account, so that a disable
 * after a reprotect that failed finds it as one of the VM's bases.
 */
public final class LineageSnapshots {
  public static final String CONTAINER = "lineage";

  private static final String VM = "vm";
  private static final String POINT = "point";
  private static final String SLOT = "slot";
  private static final String STALE_CUT = "staleCut";
  private static final String STORAGE_ACCOUNTS = "/providers/Microsoft.Storage/storageAccounts/";

  private final AzureBackend azure;

  public LineageSnapshots(AzureBackend azure) {
    this.azure = azure;
  }

  /** The new side's base of {@code disk}, made from point {@code pointId} for slot {@code slot}. */
  public static BlobRef baseRef(String vm, String pointId, String slot, BlobRef disk) {
    return new BlobRef(disk.storageAccount(), CONTAINER, vm + "." + pointId + "." + slot + ".vhd");
  }

  /**
   * The replica's base of {@code replica}, the seed of slot {@code slot} in reprotect {@code
   * cycle}.
   */
  public static BlobRef replicaBaseRef(String vm, int cycle, String slot, BlobRef replica) {
    return new BlobRef(
        replica.storageAccount(), CONTAINER, vm + ".cycle" + cycle + "." + slot + ".replica.vhd");
  }

  /** The metadata of a replica's base: whose it is, and the stale cut whose content it holds. */
  public static Map<String, String> replicaBaseMetadata(String vm, BlobRef staleCut) {
    return Map.of(VM, vm, STALE_CUT, staleCut.toString());
  }

  /** Snapshots {@code disk} as its base, or finds the base taken: one Snapshot Blob, charged. */
  public BlobSnapshot takeBase(
      Caller caller, String vm, String pointId, String slot, BlobRef disk) {
    return azure
        .storage()
        .snapshotBlob(
            caller,
            disk,
            baseRef(vm, pointId, slot, disk),
            Map.of(VM, vm, POINT, pointId, SLOT, slot));
  }

  /**
   * Deletes the new-side bases of VM {@code vm} in {@code account} but those of {@code kept}: the
   * bases of an earlier point (a change of point) or of a failover that failed before it recorded
   * them. Returns how many it deleted.
   */
  public int deleteBasesBut(Caller caller, String account, String vm, Set<BlobRef> kept) {
    if (azure.storage().storageAccount(account).isEmpty()) {
      return 0;
    }
    // VM names may hold dots: the metadata, not the name's prefix, says whose base it is.
    List<BlobRef> bases =
        azure.storage().snapshots(account, CONTAINER, vm + ".").stream()
            .filter(snapshot -> vm.equals(snapshot.metadata().get(VM)))
            .map(BlobSnapshot::ref)
            .filter(ref -> !kept.contains(ref))
            .toList();
    bases.forEach(ref -> azure.storage().deleteBlob(caller, ref));
    return bases.size();
  }

  /**
   * Deletes what the item's lineage keeps, once nothing will use it: its snapshots on both sides,
   * the point it names, and any base of the item's VM left in the storage accounts it knows (its
   * sides', its replicas', those its protections created: a reprotect that failed leaves its
   * replica's bases in its target account). The record is the caller's to clear, after: a retry
   * finds the snapshots through it. Deleting what is gone succeeds. Returns how many snapshots it
   * deleted.
   */
  public int deleteAll(Caller caller, ReplicatedItem item) {
    List<BlobRef> snapshots =
        item.lineageSnapshots().stream()
            .filter(ref -> azure.storage().snapshot(ref).isPresent())
            .toList();
    snapshots.forEach(ref -> azure.storage().deleteBlob(caller, ref));
    if (item.lineagePoint() != null) {
      azure
          .recoveryServices()
          .deleteRecoveryPoint(caller, item.vault(), item.name(), item.lineagePoint());
    }
    Set<String> accounts = new LinkedHashSet<>();
    Stream.concat(
            item.lineage().stream().map(disk -> disk.recoveredDisk().storageAccount()),
            Stream.concat(
                Stream.of(item.primary().storageAccount(), item.recovery().storageAccount()),
                Stream.concat(
                    item.replicaDisks().stream().map(disk -> disk.replica().storageAccount()),
                    item.createdByProtection().stream()
                        .filter(id -> id.contains(STORAGE_ACCOUNTS))
                        .map(id -> id.substring(id.lastIndexOf('/') + 1)))))
        .filter(Objects::nonNull)
        .forEach(accounts::add);
    int orphans =
        accounts.stream()
            .mapToInt(account -> deleteBasesBut(caller, account, item.name(), Set.of()))
            .sum();
    return snapshots.size() + orphans;
  }
}
