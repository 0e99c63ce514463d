package dev.reprotect.activities.targetvm;

import dev.reprotect.activities.ProtectionPlan;
import dev.reprotect.activities.SeedCopy;
import dev.reprotect.activities.SeededDisk;
import dev.reprotect.activities.TargetVmStop;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.util.List;

/** Steps 2 to 4 of the job: the stale target-side VM is stopped, seeded from, and deleted. */
@ActivityInterface
public interface TargetVmActivities {
  /** Turns the target VM off if it runs now, whatever the plan saw; says what it found. */
  @ActivityMethod
  TargetVmStop stopTargetVm(ProtectionPlan plan);

  /**
   * Copies each disk of the target VM into its seed blob, one after the other: the step of the jobs
   * recorded before {@link #copyDiskToSeedBlob}, kept for them.
   */
  @ActivityMethod
  List<SeededDisk> copyDisksToSeedBlobs(ProtectionPlan plan);

  /** Copies one disk of the target VM into its seed blob; heartbeats while the copy runs. */
  @ActivityMethod
  SeededDisk copyDiskToSeedBlob(SeedCopy copy);

  /**
   * Deletes the target VM, its disks and the cuts the replication took of it before its failover,
   * once every disk lives on in its seed blob; heartbeats while the deletion runs.
   */
  @ActivityMethod
  void deleteTargetVm(ProtectionPlan plan);
}
