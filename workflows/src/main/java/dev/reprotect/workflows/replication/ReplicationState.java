package dev.reprotect.workflows.replication;

public enum ReplicationState {
  Running,
  /** Ended by the stop update, at a cycle boundary. */
  Stopped,
  /** Ended by itself: the item was no longer Protected. */
  Ended
}
