package dev.reprotect.activities.targetvm;

import dev.reprotect.activities.ActivityCaller;
import dev.reprotect.activities.AzureFailures;
import dev.reprotect.activities.PlannedDisk;
import dev.reprotect.activities.ReprotectPlan;
import dev.reprotect.activities.SeededDisk;
import dev.reprotect.activities.TargetVmPlan;
import dev.reprotect.azure.AzureBackend;
import dev.reprotect.azure.PageBlob;
import io.temporal.failure.ApplicationFailure;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

public final class TargetVmActivitiesImpl implements TargetVmActivities {
  private final AzureBackend azure;

  @Inject
  public TargetVmActivitiesImpl(AzureBackend azure) {
    this.azure = azure;
  }

  @Override
  public void stopTargetVm(ReprotectPlan plan) {
    TargetVmPlan vm = plan.targetVm();
    AzureFailures.translated(plan.targetRegion(), () -> {
      if (azure.compute().virtualMachine(vm.resourceGroup(), vm.name()).isPresent()) {
        azure.compute().powerOff(ActivityCaller.current(), vm.resourceGroup(), vm.name());
      }
    });
  }

  @Override
  public List<SeededDisk> copyDisksToSeedBlobs(ReprotectPlan plan) {
    return AzureFailures.translated(plan.targetRegion(), () -> {
      List<SeededDisk> seeded = new ArrayList<>();
      for (PlannedDisk disk : plan.disks()) {
        if (disk.targetDisk() == null || disk.replicaExists()) {
          // No stale disk to seed from, or a replica of an earlier run that is further along.
          continue;
        }
        Optional<PageBlob> seed = azure.storage().blob(disk.replica());
        if (seed.isEmpty()) {
          seed = Optional.of(
              azure.storage().copyBlob(ActivityCaller.current(), disk.targetDisk(), disk.replica()));
        }
        seeded.add(new SeededDisk(disk.slot(), seed.get().allocatedBytes()));
      }
      return seeded;
    });
  }

  @Override
  public void deleteTargetVm(ReprotectPlan plan) {
    TargetVmPlan vm = plan.targetVm();
    AzureFailures.translated(plan.targetRegion(), () -> {
      for (PlannedDisk disk : plan.disks()) {
        if (disk.targetDisk() != null && azure.storage().blob(disk.replica()).isEmpty()) {
          throw ApplicationFailure.newNonRetryableFailure("refusing to delete " + vm.name()
              + ": disk " + disk.name() + " has no seed blob yet, its data would be lost",
              "SeedBlobMissing");
        }
      }
      azure.compute().deleteVirtualMachine(ActivityCaller.current(), vm.resourceGroup(), vm.name());
    });
  }
}
