package dev.reprotect.activities.enable;

/**
 * The stable codes of a refused enable, beyond those it shares with the reprotect (ItemNotFound for
 * a vault that does not exist, OperationInProgress, TargetRegionUnavailable, NetworkMappingMissing)
 * and the item's state machine's (AlreadyEnabled).
 */
public enum EnableErrorCode {
  /** No VM of that name in any region. */
  SourceVmNotFound,
  /** VMs of that name in several resource groups or regions: the one meant is not known. */
  SourceVmAmbiguous,
  /** The VM is not running: a stopped VM has no guest to take a consistent cut of. */
  SourceVmNotRunning,
  /** Retention beyond 0 to 15 days, or app-consistent points neither off nor 60+ minutes apart. */
  InvalidPolicy
}
