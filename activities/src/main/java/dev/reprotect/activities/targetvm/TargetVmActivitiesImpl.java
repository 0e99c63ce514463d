package dev.reprotect.activities.targetvm;

import dev.reprotect.activities.ActivityCaller;
import dev.reprotect.activities.AzureFailures;
import dev.reprotect.activities.LongOperationWait;
import dev.reprotect.activities.PlannedDisk;
import dev.reprotect.activities.ProtectionPlan;
import dev.reprotect.activities.SeedCopy;
import dev.reprotect.activities.SeededDisk;
import dev.reprotect.activities.TargetVmPlan;
import dev.reprotect.activities.TargetVmStop;
import dev.reprotect.activities.VmShutdown;
import dev.reprotect.azure.AzureBackend;
import dev.reprotect.azure.BlobRef;
import dev.reprotect.azure.Caller;
import dev.reprotect.azure.Cuts;
import dev.reprotect.azure.PageBlob;
import dev.reprotect.azure.ReplicatedItem;
import io.temporal.failure.ApplicationFailure;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.Set;

public final class TargetVmActivitiesImpl implements TargetVmActivities {
  private final AzureBackend azure;

  @Inject
  public TargetVmActivitiesImpl(AzureBackend azure) {
    this.azure = azure;
  }

  @Override
  public TargetVmStop stopTargetVm(ProtectionPlan plan) {
    TargetVmPlan vm = plan.targetVm();
    return AzureFailures.translated(
        plan.targetRegion(), () -> VmShutdown.turnOff(azure, vm.resourceGroup(), vm.name()));
  }

  @Override
  public List<SeededDisk> copyDisksToSeedBlobs(ProtectionPlan plan) {
    return plan.disks().stream()
        .filter(PlannedDisk::needsSeedCopy)
        .map(disk -> copyDiskToSeedBlob(new SeedCopy(plan.targetRegion(), disk)))
        .toList();
  }

  @Override
  public SeededDisk copyDiskToSeedBlob(SeedCopy copy) {
    PlannedDisk disk = copy.disk();
    return AzureFailures.translated(
        copy.targetRegion(),
        () -> {
          Optional<PageBlob> seed = azure.storage().blob(disk.replica());
          if (seed.isEmpty()) {
            Caller caller = ActivityCaller.current();
            LongOperationWait.awaitEnd(
                azure.longOperations(),
                disk.replica().toString(),
                () ->
                    azure
                        .longOperations()
                        .beginCopyBlob(caller, disk.targetDisk(), disk.replica()));
            seed = azure.storage().blob(disk.replica());
          }
          return new SeededDisk(
              disk.slot(),
              seed.orElseThrow(
                      () ->
                          ApplicationFailure.newFailure(
                              "the copy of "
                                  + disk.name()
                                  + " ended without its seed blob "
                                  + disk.replica(),
                              "SeedBlobMissing"))
                  .allocatedBytes());
        });
  }

  @Override
  public void deleteTargetVm(ProtectionPlan plan) {
    TargetVmPlan vm = plan.targetVm();
    AzureFailures.translated(
        plan.targetRegion(),
        () -> {
          for (PlannedDisk disk : plan.disks()) {
            if (disk.targetDisk() != null && azure.storage().blob(disk.replica()).isEmpty()) {
              throw ApplicationFailure.newNonRetryableFailure(
                  "refusing to delete "
                      + vm.name()
                      + ": disk "
                      + disk.name()
                      + " has no seed blob yet, its data would be lost",
                  "SeedBlobMissing");
            }
          }
          if (azure.compute().virtualMachine(vm.resourceGroup(), vm.name()).isEmpty()) {
            return;
          }
          Caller caller = ActivityCaller.current();
          // The cuts the replication took of it in the other direction, which nothing uses now, but
          // the one of the failover's lineage: the stale side's base, kept until the reprotect
          // ends.
          Set<BlobRef> lineage =
              azure
                  .recoveryServices()
                  .replicatedItem(plan.vault(), plan.vm())
                  .map(ReplicatedItem::lineageSnapshots)
                  .orElse(Set.of());
          new Cuts(azure).deleteAllBut(caller, vm.resourceGroup(), vm.name(), null, lineage);
          LongOperationWait.awaitEnd(
              azure.longOperations(),
              vm.resourceGroup() + "/" + vm.name(),
              () ->
                  azure
                      .longOperations()
                      .beginDeleteVirtualMachine(caller, vm.resourceGroup(), vm.name()));
        });
  }
}
