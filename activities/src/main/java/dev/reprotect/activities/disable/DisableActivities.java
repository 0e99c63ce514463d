package dev.reprotect.activities.disable;

import dev.reprotect.activities.ItemOperation;
import dev.reprotect.activities.replication.ItemRef;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * The deletions of a disable, run once the item's replication is stopped, in this order. Each
 * deletes what it finds of the item's protection when it runs, and deleting what is gone succeeds,
 * so a retry after a crash at any point ends where a run without one would. Each returns how many
 * it deleted.
 */
@ActivityInterface
public interface DisableActivities {
  /** The item's recovery points, with their snapshots. */
  @ActivityMethod
  int deleteItemRecoveryPoints(ItemRef item);

  /**
   * Every snapshot of the VM's cuts (container {@code cuts} of its disks' storage accounts), on
   * either side of the pair where a VM of the item's name runs, half cuts' too; and the snapshots
   * of the failover's lineage, whose record it then clears.
   */
  @ActivityMethod
  int deleteCuts(ItemRef item);

  /** The replicas, and those an earlier reprotect cycle left next to them. */
  @ActivityMethod
  int deleteReplicas(ItemRef item);

  /** The item's staging blobs in the cache account; other items' stay. */
  @ActivityMethod
  int deleteStagingBlobs(ItemRef item);

  /**
   * The resources recorded as created by the item's protection, availability sets first, then
   * storage accounts, then resource groups, each only once it is empty and no other item uses it;
   * what existed before the protection was never recorded, and is never touched.
   */
  @ActivityMethod
  ResourcesRemoved deleteCreatedResources(ItemRef item);

  /** Removes the item from its vault; only the disable that claims it may. */
  @ActivityMethod
  void removeItem(ItemOperation operation);
}
