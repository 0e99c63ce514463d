package dev.reprotect.activities.resume;

/**
 * The stable codes of a refused (re)start of an item's replication, beyond the backend's {@code
 * ItemNotFound}.
 */
public enum ResumeErrorCode {
  /** The item is not Protected (failed over, reprotecting, ...): there is nothing to replicate. */
  NotProtected,
  /**
   * A replication workflow of the item runs for another run or direction: starting a second would
   * make two writers of one set of replicas.
   */
  ReplicationRunning
}
