package dev.reprotect.azure;

import java.util.List;
import java.util.Optional;

/** Microsoft.RecoveryServices: the vault, its replicated items, recovery plans and points. */
public interface RecoveryServicesApi {
  Optional<Vault> vault(String name);

  /** Every vault of the subscription, by name: what a sweep over all items starts from. */
  List<Vault> vaults();

  Vault createVault(Caller caller, Vault vault);

  Optional<ReplicatedItem> replicatedItem(String vault, String name);

  List<ReplicatedItem> replicatedItems(String vault);

  /** Create-or-update of an item as a whole. */
  ReplicatedItem putReplicatedItem(Caller caller, ReplicatedItem item);

  /**
   * Removes the item and whatever recovery points it still has, with their snapshots; removing an
   * item that is gone succeeds. Only the {@link ItemLifecycle#Disable} that holds the item's claim,
   * {@code operationId}, removes it: an item with no such claim is {@link
   * AzureErrorCode#ItemChanged} and stays, so that no other caller removes an item in use.
   */
  void deleteReplicatedItem(Caller caller, String vault, String item, String operationId);

  /**
   * Atomically records {@code operation} as the item's running operation and moves it to {@code
   * newState}, if the item is still as {@code expected} says (its state and running operation as
   * the caller's check saw them): else {@link AzureErrorCode#ItemChanged}. An expected running
   * operation is taken over only by another run of the same operation id (an earlier run's claim
   * left behind); an item busy with another operation is {@link
   * AzureErrorCode#OperationInProgress}. Null {@code expected} claims an item with no running
   * operation, whatever its state. Claiming again with the same run returns the item unchanged.
   */
  ReplicatedItem claimOperation(
      Caller caller,
      String vault,
      String item,
      RunningOperation operation,
      ItemClaimState expected,
      ProtectionState newState);

  /**
   * Clears the running operation if it is {@code operationId} of run {@code runId} and moves the
   * item to {@code newState}; an item no longer running that operation, or running it for another
   * run (a later run of the same workflow id took it over), is returned unchanged. A null {@code
   * runId} (a release recorded before claims named their run) matches any run of the id. The
   * claim's pinned point is released with it, unless a drill is live ({@link
   * ReplicatedItem#released}).
   */
  ReplicatedItem releaseOperation(
      Caller caller,
      String vault,
      String item,
      String operationId,
      String runId,
      ProtectionState newState);

  /**
   * Clears a claim whose run is known to have ended ({@code stale}, compared by operation id and
   * run) and moves the item to {@code newState}; the item no longer holding that claim is {@link
   * AzureErrorCode#ItemChanged}, and nothing changes. The caller vouches that the run ended.
   */
  ReplicatedItem releaseStaleOperation(
      Caller caller, String vault, String item, RunningOperation stale, ProtectionState newState);

  Optional<RecoveryPlan> recoveryPlan(String vault, String name);

  RecoveryPlan createRecoveryPlan(Caller caller, RecoveryPlan plan);

  /**
   * Takes a recovery point of the item's replica disks, recording the checksum of each snapshot and
   * the cut of the source it corresponds to ({@code cutId}, null when none). {@code pointId} is the
   * business key: the same id again returns the existing point.
   */
  RecoveryPoint createRecoveryPoint(
      Caller caller,
      String vault,
      String item,
      String pointId,
      RecoveryPointType type,
      String cutId);

  /** Deletes a point and its snapshot blobs; deleting what is gone succeeds. */
  void deleteRecoveryPoint(Caller caller, String vault, String item, String pointId);

  /**
   * Records {@code pointId} as the point the claim of {@code operationId} chose: pinned on the
   * item, which {@link #pruneRecoveryPoints} never deletes. The item not claimed by that operation
   * is {@link AzureErrorCode#ItemChanged}; a point it does not have is NotFound.
   */
  ReplicatedItem pinRecoveryPoint(
      Caller caller, String vault, String item, String operationId, String pointId);

  /**
   * Records which cut the item's replicas hold and which are on their way to them, so that any
   * shipment (a cycle's, a failover's) sends only what changed since: a write that changes nothing
   * else on the item. No such item is NotFound.
   */
  ReplicatedItem recordReplicaCuts(Caller caller, String vault, String item, ReplicaCuts cuts);

  /**
   * Deletes the points of {@code pointIds} that retention no longer needs, in one decision taken
   * against the item as it is now: none while an operation claims the item (a failover or a drill
   * may be choosing among them), and never its pinned point. What it skipped is reported.
   */
  RecoveryPointPruning pruneRecoveryPoints(
      Caller caller, String vault, String item, List<String> pointIds);

  List<RecoveryPoint> recoveryPoints(String vault, String item);

  /**
   * Adds {@code resourceIds} to the resources the item records as created by its protection ({@link
   * ReplicatedItem#createdByProtection}); ids recorded already change and log nothing.
   */
  ReplicatedItem recordCreatedResources(
      Caller caller, String vault, String item, List<String> resourceIds);

  /**
   * Records how a scrub of the item's replica ended, as its last scrub, whatever else changes on
   * the item meanwhile (a claim, a point pinned): nothing but the record is written.
   */
  ReplicatedItem recordScrub(Caller caller, String vault, String item, ScrubRecord scrub);

  /**
   * Adds {@code disk} to the item's replica disks (a data disk the VM gained after its protection)
   * and writes nothing else of the item, so that what another caller wrote meanwhile (a scrub's
   * record, a claim) stays. The same disk again changes nothing; another replica in its slot is
   * {@link AzureErrorCode#Conflict}, and an item the vault does not have is NotFound.
   */
  ReplicatedItem addReplicaDisk(Caller caller, String vault, String item, ReplicaDisk disk);
}
