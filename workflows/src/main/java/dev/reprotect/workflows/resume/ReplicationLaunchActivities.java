package dev.reprotect.workflows.resume;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * Starts an item's replication workflow through the Temporal client, from an activity: a child
 * workflow's start cannot look at the execution already holding its id, and its failure could only
 * fail the job after the item was marked Protected.
 */
@ActivityInterface
public interface ReplicationLaunchActivities {
  /**
   * Starts the replication, or adopts the one running with the same run tag and direction; refuses
   * with {@code ReplicationRunning} (non-retryable) when another one runs.
   */
  @ActivityMethod
  ReplicationLaunched launchReplication(LaunchReplication launch);
}
