package dev.reprotect.activities;

/**
 * The stable codes of the data path's own failures, beyond the prerequisites' and the backend's:
 * the types of the failures that a sync or a replication cycle ends with.
 */
public enum ReplicationErrorCode {
  /**
   * The bytes of a range kept arriving different from what was sent: retryable, the next attempt
   * resumes at that range.
   */
  CorruptedTransfer,
  /**
   * A replica's checksum, read from its bytes in the target region, still differs from its
   * source's after one repair: the job fails rather than report equal checksums that are not.
   */
  ReplicaMismatch,
  /**
   * The disk a sync copies from no longer exists (deleted since the plan): non-retryable, no
   * attempt brings it back.
   */
  SourceDiskMissing,
  /** A disk to add to the replication is not attached to the VM: non-retryable. */
  DiskNotFound,
  /**
   * A disk to add was attached after the cut the replicas hold: non-retryable; the next cycle's
   * cut has it, and the addition succeeds once that cut is shipped.
   */
  DiskNotInBaseCut
}
