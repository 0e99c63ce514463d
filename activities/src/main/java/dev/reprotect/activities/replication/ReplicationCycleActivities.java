package dev.reprotect.activities.replication;

import dev.reprotect.azure.RecoveryPointPruning;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * The steps of one replication cycle of a protected item. Each is idempotent under its ids: the
 * same cut id, point id or deletion again finds what the first call did.
 */
@ActivityInterface
public interface ReplicationCycleActivities {
  /** Whether replication still applies: the workflow ends when the item is not Protected. */
  @ActivityMethod
  ItemProtection itemProtection(ItemRef item);

  @ActivityMethod
  CutTaken takeCut(TakeCut request);

  /**
   * Diffs the two cuts in the source region, stages the changed blocks in the cache storage
   * account, ships them to the replicas and verifies them from the received bytes. Long: it
   * heartbeats its progress and resumes from it; a retry of the same request converges on the
   * replicas holding {@code cutId}.
   */
  @ActivityMethod
  CycleShipment shipCut(ShipCut request);

  @ActivityMethod
  RecoveryPointTaken createRecoveryPoint(CreateRecoveryPoint request);

  /**
   * Replicates a disk attached to the VM after its protection: a copy of the base cut's snapshot of
   * it to a new replica in the target region, verified from both sides' recorded hashes, then the
   * replica on the item. Run between two shipments: the other replicas hold that cut too. A disk
   * replicated already is returned as it is (a retry finds its own).
   */
  @ActivityMethod
  ReplicaAdded addReplicaDisk(AddReplicaDisk request);

  /** Deleting a cut that is gone succeeds. */
  @ActivityMethod
  void deleteCut(DeleteCut request);

  /**
   * Prunes the points: the backend keeps those a failover or a drill may need (none is deleted
   * while the item is claimed, never its pinned point) and says which. Deleting a point that is
   * gone succeeds.
   */
  @ActivityMethod
  RecoveryPointPruning deleteRecoveryPoints(DeleteRecoveryPoints request);
}
