package dev.reprotect.activities.failover;

import dev.reprotect.activities.ActivityCaller;
import dev.reprotect.activities.AzureFailures;
import dev.reprotect.activities.LongOperationWait;
import dev.reprotect.activities.TargetVmStop;
import dev.reprotect.activities.VmShutdown;
import dev.reprotect.azure.AzureBackend;
import dev.reprotect.azure.BlobRef;
import dev.reprotect.azure.Caller;
import dev.reprotect.azure.ItemLifecycle;
import dev.reprotect.azure.LineageSnapshots;
import dev.reprotect.azure.PageBlob;
import dev.reprotect.azure.PowerState;
import dev.reprotect.azure.VirtualMachine;
import dev.reprotect.azure.VirtualNetwork;
import dev.reprotect.azure.VmDisk;
import dev.reprotect.azure.arm.ArmIds;
import jakarta.inject.Inject;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

public final class RecoveryVmActivitiesImpl implements RecoveryVmActivities {
  /** Where a failed-over VM's disks live in its storage account, as every VM's do. */
  static final String DISK_CONTAINER = "vhds";

  /** A recovery point's id as the jobs make it: a run's tag, ".p", the cut's number if any. */
  private static final Pattern POINT_ID = Pattern.compile("[a-z][0-9a-f]{8}\\.p[0-9]*");

  private final AzureBackend azure;

  @Inject
  public RecoveryVmActivitiesImpl(AzureBackend azure) {
    this.azure = azure;
  }

  @Override
  public TargetVmStop shutdownSourceVm(FailoverPlan plan) {
    return AzureFailures.translated(
        null, () -> VmShutdown.turnOff(azure, plan.sourceGroup(), plan.vm()));
  }

  @Override
  public CreatedDisk createDiskFromPoint(DiskFromPoint request) {
    FailoverPlan plan = request.plan();
    BlobRef disk =
        new BlobRef(
            plan.recoveryAccount(),
            DISK_CONTAINER,
            diskNamePrefix(plan, request.slot()) + request.pointId() + ".vhd");
    return AzureFailures.translated(
        plan.recoveryRegion(),
        () -> {
          Caller caller = ActivityCaller.current();
          if (azure.storage().blob(disk).isEmpty()) {
            LongOperationWait.awaitEnd(
                azure.longOperations(),
                disk.toString(),
                () -> azure.longOperations().beginCopyBlob(caller, request.snapshot(), disk));
          }
          // The new side's base of the failover's lineage, before any VM runs on the disk; a
          // drill's
          // copy leaves the item's lineage alone, so it takes none.
          if (plan.operation() != ItemLifecycle.TestFailover) {
            new LineageSnapshots(azure)
                .takeBase(caller, plan.recoveryVmName(), request.pointId(), request.slot(), disk);
          }
          return new CreatedDisk(request.slot(), disk, azure.storage().checksum(caller, disk));
        });
  }

  @Override
  public void createOrUpdateVm(FailoverVm request) {
    FailoverPlan plan = request.plan();
    Map<String, CreatedDisk> bySlot =
        request.disks().stream().collect(Collectors.toMap(CreatedDisk::slot, Function.identity()));
    List<VmDisk> disks =
        plan.disks().stream()
            .map(disk -> new VmDisk(disk.name(), disk.lun(), bySlot.get(disk.slot()).blob()))
            .toList();
    AzureFailures.translated(
        plan.recoveryRegion(),
        () -> {
          PowerState power =
              azure
                  .compute()
                  .virtualMachine(plan.recoveryGroup(), plan.recoveryVmName())
                  .map(VirtualMachine::powerState)
                  .orElse(PowerState.Stopped);
          azure
              .compute()
              .createVirtualMachine(
                  ActivityCaller.current(),
                  new VirtualMachine(
                      plan.recoveryGroup(),
                      plan.recoveryVmName(),
                      plan.recoveryRegion(),
                      power,
                      disks.stream().filter(VmDisk::isOsDisk).findFirst().orElseThrow(),
                      disks.stream().filter(disk -> !disk.isOsDisk()).toList(),
                      plan.networkId(),
                      plan.availabilitySet()));
        });
  }

  @Override
  public void powerOffVm(FailoverPlan plan) {
    AzureFailures.translated(
        plan.recoveryRegion(),
        () ->
            azure
                .compute()
                .powerOff(ActivityCaller.current(), plan.recoveryGroup(), plan.recoveryVmName()));
  }

  @Override
  public void bootVm(FailoverPlan plan) {
    AzureFailures.translated(
        plan.recoveryRegion(),
        () ->
            azure
                .compute()
                .start(ActivityCaller.current(), plan.recoveryGroup(), plan.recoveryVmName()));
  }

  @Override
  public List<BlobRef> disksToReplace(FailoverVm keep) {
    FailoverPlan plan = keep.plan();
    Set<BlobRef> kept = keep.disks().stream().map(CreatedDisk::blob).collect(Collectors.toSet());
    return AzureFailures.translated(
        plan.recoveryRegion(),
        () ->
            azure.compute().virtualMachine(plan.recoveryGroup(), plan.recoveryVmName()).stream()
                .flatMap(vm -> vm.disks().stream())
                .map(VmDisk::vhd)
                .filter(blob -> !kept.contains(blob))
                .toList());
  }

  @Override
  public void deleteDisks(List<BlobRef> disks) {
    AzureFailures.translated(
        null,
        () -> disks.forEach(disk -> azure.storage().deleteBlob(ActivityCaller.current(), disk)));
  }

  @Override
  public void ensureTestNetwork(FailoverPlan plan) {
    AzureFailures.translated(
        plan.recoveryRegion(),
        () ->
            azure
                .network()
                .createVirtualNetwork(
                    ActivityCaller.current(),
                    new VirtualNetwork(
                        plan.recoveryGroup(),
                        ArmIds.nameOf(plan.networkId()),
                        plan.recoveryRegion())));
  }

  /**
   * Deletes the drill's VM, its disks with it, then the disks a drill stopped before its VM was
   * made (cancelled or failed after a copy) left unattached: only blobs named exactly as the drill
   * names its disks ({@code <copy>-<slot>-<point id>.vhd}), so that another VM's disk whose name
   * merely starts like them is never taken; a disk a VM of the copy's name uses is left alone.
   */
  @Override
  public void deleteTestVm(FailoverPlan plan) {
    AzureFailures.translated(
        plan.recoveryRegion(),
        () -> {
          Caller caller = ActivityCaller.current();
          azure.compute().deleteVirtualMachine(caller, plan.recoveryGroup(), plan.recoveryVmName());
          Set<BlobRef> attached =
              azure
                  .compute()
                  .virtualMachinesNamed(plan.recoveryRegion(), plan.recoveryVmName())
                  .stream()
                  .flatMap(vm -> vm.disks().stream())
                  .map(VmDisk::vhd)
                  .collect(Collectors.toSet());
          azure.storage().blobs(plan.recoveryAccount(), DISK_CONTAINER).stream()
              .map(PageBlob::ref)
              .filter(blob -> !attached.contains(blob) && isDiskOf(plan, blob))
              .forEach(blob -> azure.storage().deleteBlob(caller, blob));
        });
  }

  /** The name of a disk the plan makes for {@code slot}, up to its point's id. */
  private static String diskNamePrefix(FailoverPlan plan, String slot) {
    return diskNamePrefix(plan.recoveryVmName(), slot);
  }

  private static String diskNamePrefix(String vm, String slot) {
    return vm + "-" + slot + "-";
  }

  /** The point a failed-over VM's disks were all made from, as their names tell. */
  static Optional<String> pointOfDisks(VirtualMachine vm) {
    Set<String> points = new HashSet<>();
    for (VmDisk disk : vm.disks()) {
      String prefix = diskNamePrefix(vm.name(), disk.slot());
      String name = disk.vhd().blob();
      if (!name.startsWith(prefix) || !name.endsWith(".vhd")) {
        return Optional.empty();
      }
      points.add(name.substring(prefix.length(), name.length() - ".vhd".length()));
    }
    return points.size() == 1 ? points.stream().findFirst() : Optional.empty();
  }

  private static boolean isDiskOf(FailoverPlan plan, BlobRef blob) {
    String name = blob.blob();
    return name.endsWith(".vhd")
        && plan.disks().stream()
            .map(disk -> diskNamePrefix(plan, disk.slot()))
            .anyMatch(
                prefix ->
                    name.startsWith(prefix)
                        && POINT_ID
                            .matcher(
                                name.substring(prefix.length(), name.length() - ".vhd".length()))
                            .matches());
  }

  @Override
  public boolean recoveryVmExists(FailoverPlan plan) {
    return AzureFailures.translated(
        plan.recoveryRegion(),
        () ->
            azure
                .compute()
                .virtualMachine(plan.recoveryGroup(), plan.recoveryVmName())
                .isPresent());
  }

  @Override
  public void deleteTestNetwork(FailoverPlan plan) {
    AzureFailures.translated(
        plan.recoveryRegion(),
        () ->
            azure
                .network()
                .deleteVirtualNetwork(
                    ActivityCaller.current(),
                    plan.recoveryGroup(),
                    ArmIds.nameOf(plan.networkId())));
  }
}
