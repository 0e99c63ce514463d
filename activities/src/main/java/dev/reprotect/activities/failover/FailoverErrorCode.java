package dev.reprotect.activities.failover;

/**
 * The stable codes of a refused failover, change of point, commit or test failover, beyond the
 * item's state machine's (NotProtected, NotFailedOver, TestFailoverInProgress, NoTestFailover: the
 * backend's) and the reprotect's shared ones (ItemNotFound, OperationInProgress,
 * NetworkMappingMissing, SourceVmDeleted).
 */
public enum FailoverErrorCode {
  /** The point named does not exist, or no point of the kind asked for does. */
  RecoveryPointNotFound,
  /**
   * A failover to {@code latest} while the source region is down: the cut it takes now cannot be
   * taken there (a deleted source VM is {@code SourceVmDeleted}, the reprotect's code).
   */
  SourceRegionUnavailable,
  /** A disk created from a point does not hash, read from its bytes, to the point's checksum. */
  FailoverDiskMismatch,
  /**
   * The names a test failover gives its copy ({@code <vm>-test}) or its network ({@code
   * vnet-<vm>-test-failover}) would be longer than Azure allows.
   */
  TestFailoverNameTooLong,
  /**
   * The VM a failover or a test failover would make ({@code <vm>}, {@code <vm>-test}) exists in the
   * recovery resource group and was not made by one (its disks are not made from a point).
   */
  RecoveryVmNameTaken,
  /**
   * The isolated network a test failover would make ({@code vnet-<vm>-test-failover}) exists in the
   * recovery resource group while no drill of the item is live: someone else's, which the drill's
   * cleanup would delete.
   */
  TestNetworkNameTaken
}
