package dev.reprotect.activities.item;

import dev.reprotect.activities.ItemOperation;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** The item's own record of the operation running on it: one operation at a time. */
@ActivityInterface
public interface ReplicatedItemActivities {
  /** Marks the item as running the operation; fails with OperationInProgress if it runs another. */
  @ActivityMethod
  void claimItem(ItemOperation operation);

  /** Ends a failed or cancelled operation: the item is left ReprotectFailed, ready for a re-run. */
  @ActivityMethod
  void releaseFailedItem(ItemOperation operation);
}
