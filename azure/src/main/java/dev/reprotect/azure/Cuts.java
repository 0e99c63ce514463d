package dev.reprotect.azure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Cuts of a VM's disks, made of primitives Azure has (docs/azure-api.md, "Cuts"): the guest agent
 * holds the VM's writes, each disk's blob is snapshotted with its own Snapshot Blob call, the agent
 * releases the hold. A cut is its snapshots, named {@code <vm>.<cutId>.<slot>.vhd} in container
 * {@code cuts} of each disk's storage account, whose metadata name the cut, the hold and the number
 * of disks. It is complete only when every disk has its snapshot, all taken under one hold that the
 * agent says was released in time: snapshots taken outside one hold (a crash half-way, a hold that
 * expired) are no cut, and are never found as one.
 */
public final class Cuts {
  public static final String CONTAINER = "cuts";

  /**
   * How long the guest may hold its writes for one cut, VSS's freeze limit: far more than a
   * snapshot per disk takes, short enough that a caller that died freezes nothing for long.
   */
  private static final Duration HOLD_LIMIT = Duration.ofSeconds(10);

  private static final String VM = "vm";
  private static final String CUT = "cut";
  private static final String HOLD = "hold";
  private static final String SLOT = "slot";
  private static final String DISK = "disk";
  private static final String DISKS = "disks";

  private final AzureBackend azure;

  public Cuts(AzureBackend azure) {
    this.azure = azure;
  }

  /**
   * Takes the cut, or finds it taken: hold (quiescing when {@code appConsistent}), a snapshot of
   * each disk, release. A half cut an earlier attempt left is deleted and taken again. An agent
   * that does not answer is {@link AzureErrorCode#GuestAgentUnresponsive}; a hold that expired
   * before the last snapshot leaves no cut and fails transiently, for a retry.
   */
  public VmCut take(
      Caller caller, String resourceGroup, String vmName, String cutId, boolean appConsistent) {
    if (!NameRules.isValidCutId(cutId)) {
      throw new AzureException(
          AzureErrorCode.InvalidResourceName,
          "invalid cut id " + cutId + ": 1 to 63 letters, digits, '.', '-' or '_'");
    }
    VirtualMachine vm =
        azure
            .compute()
            .virtualMachine(resourceGroup, vmName)
            .orElseThrow(() -> AzureException.notFound("VM " + resourceGroup + "/" + vmName));
    Optional<VmCut> found = find(vm, cutId);
    if (found.isPresent()) {
      return found.get();
    }
    deleteSnapshots(caller, vm, cutId);
    // One hold per attempt: a hold id never covers snapshots of two attempts.
    String holdId = cutId + "-" + UUID.randomUUID().toString().substring(0, 8);
    WriteHold hold =
        azure
            .workload()
            .holdWrites(caller, resourceGroup, vm.name(), holdId, HOLD_LIMIT, appConsistent);
    List<CutDisk> disks = new ArrayList<>();
    WriteHold released;
    try {
      for (VmDisk disk : vm.disks()) {
        BlobSnapshot snapshot =
            azure
                .storage()
                .snapshotBlob(
                    caller,
                    disk.vhd(),
                    snapshotRef(vm, cutId, disk.vhd().storageAccount(), disk.slot()),
                    Map.of(
                        VM,
                        vm.name(),
                        CUT,
                        cutId,
                        HOLD,
                        holdId,
                        SLOT,
                        disk.slot(),
                        DISK,
                        disk.name(),
                        DISKS,
                        Integer.toString(vm.disks().size())));
        disks.add(new CutDisk(disk.slot(), disk.name(), snapshot.ref(), snapshot.sizeBytes()));
      }
    } finally {
      released = azure.workload().releaseWrites(caller, resourceGroup, vm.name(), holdId);
    }
    if (released.state() != WriteHold.State.Released) {
      deleteSnapshots(caller, vm, cutId);
      throw new AzureException(
          AzureErrorCode.InternalServerError,
          "the hold of "
              + vm.name()
              + "'s writes expired before every disk was snapshotted: no cut "
              + cutId);
    }
    return new VmCut(
        cutId, vm.resourceGroup(), vm.name(), vm.location(), hold.heldAt(), disks, hold.quiesced());
  }

  /** The complete cut of that id; empty when there is none, or only part of one. */
  public Optional<VmCut> find(String resourceGroup, String vmName, String cutId) {
    if (!NameRules.isValidCutId(cutId)) {
      return Optional.empty();
    }
    return azure.compute().virtualMachine(resourceGroup, vmName).flatMap(vm -> find(vm, cutId));
  }

  /** The VM's complete cuts, oldest first. */
  public List<VmCut> list(String resourceGroup, String vmName) {
    Optional<VirtualMachine> vm = azure.compute().virtualMachine(resourceGroup, vmName);
    if (vm.isEmpty()) {
      return List.of();
    }
    Set<String> cutIds = new LinkedHashSet<>();
    snapshotsOf(vm.get(), null).forEach(snapshot -> cutIds.add(snapshot.metadata().get(CUT)));
    return cutIds.stream()
        .flatMap(cutId -> find(vm.get(), cutId).stream())
        .sorted(Comparator.comparing(VmCut::time).thenComparing(VmCut::id))
        .toList();
  }

  /**
   * Deletes the cut's snapshots, a half cut's too; deleting what is gone succeeds. The snapshots
   * are found in the storage accounts of the VM's disks: a VM that is gone has none to find.
   */
  public void delete(Caller caller, String resourceGroup, String vmName, String cutId) {
    if (NameRules.isValidCutId(cutId)) {
      azure
          .compute()
          .virtualMachine(resourceGroup, vmName)
          .ifPresent(vm -> deleteSnapshots(caller, vm, cutId));
    }
  }

  /**
   * Deletes every cut of the VM, half ones too, and returns how many snapshots it deleted: before
   * the VM itself goes (once it is gone its cuts' snapshots can no longer be found, and would stay
   * in its storage accounts for ever), and when its protection is disabled.
   */
  public int deleteAll(Caller caller, String resourceGroup, String vmName) {
    return deleteAllBut(caller, resourceGroup, vmName, null, Set.of());
  }

  /**
   * As {@link #deleteAll}, keeping cut {@code keptCut} (null: none), whole or half taken, and the
   * snapshots of {@code keptSnapshots}: those a failover's lineage keeps as the stale side's base
   * ({@link ReplicatedItem#lineageSnapshots}), which outlive the VM they were taken of.
   */
  public int deleteAllBut(
      Caller caller,
      String resourceGroup,
      String vmName,
      String keptCut,
      Set<BlobRef> keptSnapshots) {
    List<BlobSnapshot> snapshots =
        azure
            .compute()
            .virtualMachine(resourceGroup, vmName)
            .map(vm -> snapshotsOf(vm, null))
            .orElse(List.of())
            .stream()
            .filter(snapshot -> keptCut == null || !keptCut.equals(snapshot.metadata().get(CUT)))
            .filter(snapshot -> !keptSnapshots.contains(snapshot.ref()))
            .toList();
    snapshots.forEach(snapshot -> azure.storage().deleteBlob(caller, snapshot.ref()));
    return snapshots.size();
  }

  /** Whether {@code snapshot} is one of the snapshots of cut {@code cutId} of VM {@code vm}. */
  public static boolean isSnapshotOf(BlobSnapshot snapshot, String vm, String cutId) {
    return CONTAINER.equals(snapshot.ref().container())
        && vm.equals(snapshot.metadata().get(VM))
        && cutId.equals(snapshot.metadata().get(CUT));
  }

  /** The id of the guest agent's hold under which a cut's snapshot was taken. */
  public static String holdOf(BlobSnapshot snapshot) {
    return snapshot.metadata().get(HOLD);
  }

  private Optional<VmCut> find(VirtualMachine vm, String cutId) {
    Map<String, BlobSnapshot> bySlot = new TreeMap<>();
    for (BlobSnapshot snapshot : snapshotsOf(vm, cutId)) {
      bySlot.put(snapshot.metadata().get(SLOT), snapshot);
    }
    Set<String> holds = new LinkedHashSet<>();
    Set<String> counts = new LinkedHashSet<>();
    bySlot
        .values()
        .forEach(
            snapshot -> {
              holds.add(snapshot.metadata().get(HOLD));
              counts.add(snapshot.metadata().get(DISKS));
            });
    if (holds.size() != 1 || !counts.equals(Set.of(Integer.toString(bySlot.size())))) {
      return Optional.empty();
    }
    Optional<WriteHold> hold =
        azure
            .workload()
            .writeHold(vm.resourceGroup(), vm.name(), holds.iterator().next())
            .filter(found -> found.state() == WriteHold.State.Released);
    if (hold.isEmpty()) {
      return Optional.empty();
    }
    // The OS disk first, then the data disks by LUN, as the VM lists them.
    List<CutDisk> disks =
        bySlot.values().stream()
            .sorted(Comparator.comparing(snapshot -> slotOrder(snapshot.metadata().get(SLOT))))
            .map(
                snapshot ->
                    new CutDisk(
                        snapshot.metadata().get(SLOT),
                        snapshot.metadata().get(DISK),
                        snapshot.ref(),
                        snapshot.sizeBytes()))
            .toList();
    return Optional.of(
        new VmCut(
            cutId,
            vm.resourceGroup(),
            vm.name(),
            vm.location(),
            hold.get().heldAt(),
            disks,
            hold.get().quiesced()));
  }

  /** The snapshots of the VM's cut {@code cutId}, or of all its cuts when it is null. */
  private List<BlobSnapshot> snapshotsOf(VirtualMachine vm, String cutId) {
    String prefix = vm.name() + "." + (cutId == null ? "" : cutId + ".");
    List<BlobSnapshot> found = new ArrayList<>();
    for (String account : accounts(vm)) {
      azure.storage().snapshots(account, CONTAINER, prefix).stream()
          .filter(
              snapshot ->
                  vm.name().equals(snapshot.metadata().get(VM))
                      && (cutId == null || cutId.equals(snapshot.metadata().get(CUT))))
          .forEach(found::add);
    }
    return found;
  }

  private void deleteSnapshots(Caller caller, VirtualMachine vm, String cutId) {
    snapshotsOf(vm, cutId).forEach(snapshot -> azure.storage().deleteBlob(caller, snapshot.ref()));
  }

  private static Set<String> accounts(VirtualMachine vm) {
    Set<String> accounts = new LinkedHashSet<>();
    vm.disks().forEach(disk -> accounts.add(disk.vhd().storageAccount()));
    return accounts;
  }

  private static BlobRef snapshotRef(VirtualMachine vm, String cutId, String account, String slot) {
    return new BlobRef(account, CONTAINER, vm.name() + "." + cutId + "." + slot + ".vhd");
  }

  private static long slotOrder(String slot) {
    return slot.equals("os") ? -1 : Long.parseLong(slot.substring("lun".length()));
  }
}
