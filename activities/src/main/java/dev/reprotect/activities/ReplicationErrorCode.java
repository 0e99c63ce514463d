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
   * A replica's checksum, read from its bytes in the target region, still differs from its source's
   * after one repair: the job fails rather than report equal checksums that are not.
   */
  ReplicaMismatch,
  /**
   * The disk a sync copies from no longer exists (deleted since the plan): non-retryable, no
   * attempt brings it back.
   */
  SourceDiskMissing,
  /**
   * A snapshot that a changed-block sync, or the seed it syncs into, is measured from (the new
   * side's base, the replica's base, the stale disk's cut) no longer exists: non-retryable; the
   * blocks changed since cannot be listed, and only a full compare makes the replica equal.
   */
  LineageSnapshotMissing,
  /** A disk to add to the replication is not attached to the VM: non-retryable. */
  DiskNotFound,
  /**
   * A disk to add was attached after the cut the replicas hold: non-retryable; the next cycle's cut
   * has it, and the addition succeeds once that cut is shipped.
   */
  DiskNotInBaseCut
}
