package dev.reprotect.activities.targetvm;

import dev.reprotect.activities.ReprotectPlan;
import dev.reprotect.activities.SeededDisk;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.util.List;

/** Steps 2 to 4 of the job: the stale target-side VM is stopped, seeded from, and deleted. */
@ActivityInterface
public interface TargetVmActivities {
  @ActivityMethod
  void stopTargetVm(ReprotectPlan plan);

  /** Copies each disk of the target VM into its seed blob in the target storage account. */
  @ActivityMethod
  List<SeededDisk> copyDisksToSeedBlobs(ReprotectPlan plan);

  /** Deletes the target VM and its disks, once every disk lives on in its seed blob. */
  @ActivityMethod
  void deleteTargetVm(ReprotectPlan plan);
}
