package dev.reprotect.workflows.failover;

import dev.reprotect.activities.replication.ItemRef;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * Stops the item's replication workflow with its {@code stop} update, from an activity: a workflow
 * cannot send another workflow an update.
 */
@ActivityInterface
public interface ReplicationStopActivities {
  /** Returns what it found: stopped now, or not running (ended, or never started). */
  @ActivityMethod
  String stopReplication(ItemRef item);
}
