package dev.reprotect.activities.item;

import dev.reprotect.activities.ItemOperation;
import dev.reprotect.activities.replication.ItemRef;
import dev.reprotect.azure.ItemClaimState;
import dev.reprotect.azure.RecoveryPoint;
import dev.reprotect.azure.ReplicatedItem;
import dev.reprotect.azure.RunningOperation;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.util.List;

/** The item's own record of the operation running on it: one operation at a time. */
@ActivityInterface
public interface ReplicatedItemActivities {
  /**
   * Marks the item as running the operation, in the operation's running state, if the item's
   * lifecycle allows it and it is still as the prerequisites saw it ({@code checked}; null in a job
   * planned before it was kept): else ItemChanged. It fails with OperationInProgress if the item
   * runs another operation, and takes over a claim that an earlier run of the same workflow id
   * left.
   */
  @ActivityMethod
  void claimItem(ItemOperation operation, ItemClaimState checked);

  /**
   * Registers {@code item} in its vault if the vault has no item of its name yet, then claims it
   * for {@code operation} as {@link #claimItem} does, from the state it was registered in: an
   * enable's item exists only claimed, never half made. A retry finds the item and its claim.
   */
  @ActivityMethod
  void enrollItem(ItemOperation operation, ReplicatedItem item);

  /**
   * Ends a failed or cancelled operation: the item is left in the operation's failed state
   * (ReprotectFailed, FailoverFailed, ...: ItemLifecycle's table), ready for a re-run.
   */
  @ActivityMethod
  void releaseFailedItem(ItemOperation operation);

  /**
   * Ends an operation that failed or was cancelled before it changed anything the item depends on:
   * the item is left in the operation's unchanged state (a failover's: Protected again).
   */
  @ActivityMethod
  void releaseUnchangedItem(ItemOperation operation);

  /**
   * The item's recovery points as the vault holds them (what a failover can use, whatever a
   * workflow remembers); ItemNotFound when the vault has no such item.
   */
  @ActivityMethod
  List<RecoveryPoint> recoveryPointsOf(ItemRef item);

  /** The item's claim, for the operator to judge; ItemNotClaimed when it has none. */
  @ActivityMethod
  RunningOperation claimOf(ItemRef item);

  /**
   * Clears a stale claim, compared by its workflow id and run: the item is left in the failed state
   * of the claim's operation, ready for a re-run; ItemChanged, and nothing changes, when the item
   * no longer holds that claim.
   */
  @ActivityMethod
  void releaseStaleClaim(StaleClaim stale);
}
