package dev.reprotect.activities.disable;

import dev.reprotect.activities.replication.ItemRef;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** The check of a disable: refuses it, changing nothing, or says what it will delete. */
@ActivityInterface
public interface DisablePlanning {
  /**
   * Refuses with ItemNotFound, OperationInProgress (another operation runs on the item),
   * TestFailoverInProgress (a drill's copy is up: clean it up first) or FailoverNotCommitted (the
   * VM runs from a recovery point: commit the failover first).
   */
  @ActivityMethod
  DisablePlan planDisable(ItemRef item);
}
