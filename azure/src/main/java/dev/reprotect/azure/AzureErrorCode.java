package dev.reprotect.azure;

/** Error codes of the backend, in the style of Azure Resource Manager's error bodies. */
public enum AzureErrorCode {
  ResourceNotFound(false),
  /** The request would change an immutable property (region, kind) of an existing resource. */
  Conflict(false),
  InvalidResourceName(false),
  InvalidParameter(false),
  StorageAccountAlreadyTaken(false),
  /** The item already has an operation running that is not the caller's. */
  OperationInProgress(false),
  /**
   * The item is no longer in the state the caller saw when it checked it: a compare-and-set of its
   * claim found another state or another running operation.
   */
  ItemChanged(false),
  /** The operation needs a Protected item (a failover, a test failover and its cleanup). */
  NotProtected(false),
  /** The operation needs a failed-over item not yet committed (a commit, a change of point). */
  NotFailedOver(false),
  /** A reprotect of an item that is protected already. */
  AlreadyProtected(false),
  /** A reprotect of an item whose last failover was not committed (nor its reprotect failed). */
  FailoverNotCommitted(false),
  /** Replication is enabled already: the item is past its first protection. */
  AlreadyEnabled(false),
  /** A test failover of the item is live (recorded on it): only its cleanup may start. */
  TestFailoverInProgress(false),
  /** A cleanup of an item with no test failover recorded. */
  NoTestFailover(false),
  /**
   * The VM's guest agent did not answer in time (a hold of its writes): no consistent snapshot of
   * its disks can be taken now.
   */
  GuestAgentUnresponsive(false),
  /**
   * A write's bytes arrived different from what its writer hashed (Azure's Content-MD5 check):
   * nothing was written; sending the same bytes again may succeed.
   */
  Md5Mismatch(true),
  RegionUnavailable(true),
  TooManyRequests(true),
  InternalServerError(true);

  private final boolean transientByNature;

  AzureErrorCode(boolean transientByNature) {
    this.transientByNature = transientByNature;
  }

  /** Whether a retry of the same request may succeed without anything else changing first. */
  public boolean isTransient() {
    return transientByNature;
  }
}
