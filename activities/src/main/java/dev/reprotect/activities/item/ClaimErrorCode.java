package dev.reprotect.activities.item;

/**
 * The stable codes of a refused release of an item's claim (a claim that changed under the release
 * is the backend's {@code ItemChanged}).
 */
public enum ClaimErrorCode {
  /** The item has no running operation: there is nothing to release. */
  ItemNotClaimed,
  /** The workflow run that holds the claim still runs: it releases the item itself when it ends. */
  ClaimHeldByRunningWorkflow
}
