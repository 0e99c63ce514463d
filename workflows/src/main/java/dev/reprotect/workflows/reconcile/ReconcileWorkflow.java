package dev.reprotect.workflows.reconcile;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One pass over every item of the backend's vaults: restarts the replication of each Protected
 * item that has none running (as {@code replication --start} does) and ends the replications
 * whose item is gone. Run by {@code reprotect reconcile} and by the worker's schedule.
 */
@WorkflowInterface
public interface ReconcileWorkflow {
  @WorkflowMethod
  ReconcileResult reconcile();
}
