package dev.reprotect.activities.resume;

import dev.reprotect.activities.replication.ItemRef;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.util.List;

/**
 * Reads, from the vaults, what restarting replications needs: which items must replicate, and where
 * one item's replication resumes from. Changes nothing.
 */
@ActivityInterface
public interface ResumeActivities {
  /** Every item of every vault of the backend, by vault and name. */
  @ActivityMethod
  List<SweptItem> sweepItems();

  /**
   * The item's resumption; refuses with {@code ItemNotFound}, or {@code NotProtected} when the item
   * is not Protected or an operation runs on it.
   */
  @ActivityMethod
  Resumption resumption(ItemRef item);
}
