package dev.reprotect.workflows.reconcile;

/** What the reconciler did about one item: the {@code action} tag of its counter too. */
public enum ReconcileActionType {
  /** A Protected item had no replication running: it was restarted from the vault's record. */
  Restarted,
  /** The restart was refused or failed; the next run tries again. */
  RestartFailed,
  /** A replication ran for an item its vault no longer has: it was terminated. */
  Ended,
  /** The item's replica was due a scrub by its policy's interval: one was started. */
  ScrubStarted
}
