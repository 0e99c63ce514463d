package dev.reprotect.workflows.reconcile;

import java.util.List;

/**
 * One pass of the reconciler: the items it swept, those that must replicate, and what it did.
 * {@code listedRunning} is false where the server cannot list workflows: replications of gone items
 * were then not looked for.
 */
public record ReconcileResult(
    int items, int replicating, boolean listedRunning, List<ReconcileAction> actions) {
  public ReconcileResult {
    actions = List.copyOf(actions);
  }
}
