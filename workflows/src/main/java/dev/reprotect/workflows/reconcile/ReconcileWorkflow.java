package dev.reprotect.workflows.reconcile;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One pass over every item of the backend's vaults: restarts the replication of each Protected item
 * that has none running (as {@code replication --start} does), ends the replications whose item is
 * gone, and starts the scrubs that the items' policies say are due. Run by {@code reprotect
 * reconcile} and by the worker's schedule.
 */
@WorkflowInterface
public interface ReconcileWorkflow {
  @WorkflowMethod
  ReconcileResult reconcile();
}
