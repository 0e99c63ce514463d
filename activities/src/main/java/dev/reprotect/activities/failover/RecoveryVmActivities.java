package dev.reprotect.activities.failover;

import dev.reprotect.activities.TargetVmStop;
import dev.reprotect.azure.BlobRef;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.util.List;

/**
 * The VMs of a failover: the source turned off, the failed-over VM's disks made from a point, the
 * VM created, turned off and booted. Each is idempotent: its names are the business keys, and each
 * checks the backend's state before it acts.
 */
@ActivityInterface
public interface RecoveryVmActivities {
  @ActivityMethod
  TargetVmStop shutdownSourceVm(FailoverPlan plan);

  /**
   * Copies the point's snapshot into the disk {@code <vm>-<slot>-<point>.vhd} of the recovery
   * storage account (in its region: the copy shares the snapshot's blocks), a long operation, and
   * snapshots it as the new side's base of the failover's lineage (not for a test failover);
   * returns its checksum read from its bytes there.
   */
  @ActivityMethod
  CreatedDisk createDiskFromPoint(DiskFromPoint request);

  /** Creates the VM on the disks, or updates it onto them: stopped until it is booted. */
  @ActivityMethod
  void createOrUpdateVm(FailoverVm request);

  @ActivityMethod
  void powerOffVm(FailoverPlan plan);

  @ActivityMethod
  void bootVm(FailoverPlan plan);

  /** Whether the plan's VM exists in the recovery region: what a failed failover changed. */
  boolean recoveryVmExists(FailoverPlan plan);

  /** The VM's disks that are not {@code keep}: what a change of point left behind. */
  @ActivityMethod
  List<BlobRef> disksToReplace(FailoverVm keep);

  /** Deleting a disk that is gone succeeds. */
  @ActivityMethod
  void deleteDisks(List<BlobRef> disks);

  /** A test failover's isolated network (the plan's), created if missing; peered with nothing. */
  @ActivityMethod
  void ensureTestNetwork(FailoverPlan plan);

  /** Deletes a test failover's VM and its disks; deleting what is gone succeeds. */
  @ActivityMethod
  void deleteTestVm(FailoverPlan plan);

  /** Deletes a test failover's isolated network once its VM is gone; gone already succeeds. */
  @ActivityMethod
  void deleteTestNetwork(FailoverPlan plan);
}
