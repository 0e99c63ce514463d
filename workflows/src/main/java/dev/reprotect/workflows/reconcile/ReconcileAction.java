package dev.reprotect.workflows.reconcile;

/** One thing the reconciler did, on item {@code vm} of {@code vault}, and what came of it. */
public record ReconcileAction(ReconcileActionType action, String vault, String vm, String detail) {}
