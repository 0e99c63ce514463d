package dev.reprotect.activities.failover;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** The end of a failover, change of point or commit on the item's record. */
@ActivityInterface
public interface FailoverCompletion {
  /**
   * Releases the item into its operation's succeeded state: after a failover the active location is
   * the recovery region (FailedOver), and the item records the failover's lineage (as after a
   * change of point); a commit first deletes the item's recovery points, their cuts (with their
   * snapshots) and the replicas of the old direction (FailoverCommitted), all but the point and cut
   * of the lineage. Idempotent: a retry finds what is done.
   */
  @ActivityMethod
  void completeFailover(CompleteFailover request);
}
