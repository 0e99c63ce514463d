package dev.reprotect.azure;

/**
 * The states of a replicated item, in the order of its lifecycle. Which operation moves an item
 * from which state to which is {@link ItemLifecycle}'s table, the one place that decides it.
 */
public enum ProtectionState {
  Protected,
  FailedOver,
  FailoverCommitted,
  Reprotecting,
  ReprotectFailed,
  /** A failover runs: replication is stopped, the VM is being created in the other region. */
  FailingOver,
  /** A failover failed or was cancelled: replication is stopped; a re-run fails over again. */
  FailoverFailed,
  /** Replication is being enabled for the first time: the initial replication runs. */
  EnablingProtection,
  /** Enabling replication failed or was cancelled; a re-run enables it again. */
  EnableFailed,
  /** Its protection is being removed: replication stopped, what protection made being deleted. */
  Disabling,
  /**
   * Removing its protection failed or was cancelled, part of what protection made may be gone: only
   * a disable, which deletes what is left, may run on it.
   */
  DisableFailed
}
