package dev.reprotect.activities.replication;

import dev.reprotect.activities.ReplicationStarted;
import dev.reprotect.activities.StartReplication;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Step 6 of the job. */
@ActivityInterface
public interface DeltaReplicationActivities {
  /**
   * Records the replicas and the cache account on the item, takes its first recovery point and ends
   * the operation: the item is Protected, replicating from the source to the target. The lineage of
   * the failover it follows is deleted, snapshots and point, and its record cleared.
   */
  @ActivityMethod
  ReplicationStarted startDeltaReplication(StartReplication start);
}
