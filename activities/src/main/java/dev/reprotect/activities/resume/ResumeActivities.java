package dev.reprotect.activities.resume;

import dev.reprotect.activities.replication.ItemRef;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Reads, from the vault, what restarting an item's replication needs. Changes nothing. */
@ActivityInterface
public interface ResumeActivities {
  /**
   * The item's resumption; refuses with {@code ItemNotFound}, or {@code NotProtected} when the
   * item is not Protected or an operation runs on it.
   */
  @ActivityMethod
  Resumption resumption(ItemRef item);
}
