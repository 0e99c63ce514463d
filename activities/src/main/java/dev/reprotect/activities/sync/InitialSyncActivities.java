package dev.reprotect.activities.sync;

import dev.reprotect.activities.DiskSyncInput;
import dev.reprotect.activities.DiskSyncResult;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Step 5 of the job: the long one. */
@ActivityInterface
public interface InitialSyncActivities {
  /**
   * Makes the replica of one disk equal to the source: block hashes are compared range by range
   * and only the blocks that differ are sent. Heartbeats its progress and resumes from it.
   */
  @ActivityMethod
  DiskSyncResult syncDisk(DiskSyncInput input);
}
