package dev.reprotect.workflows.release;

import dev.reprotect.activities.replication.ItemRef;
import dev.reprotect.azure.RunningOperation;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Reads the claim on an item (its running operation, with the workflow id and run that made it) for
 * the operator to judge whether it is stale; changes nothing. Fails with ItemNotClaimed when the
 * item has none.
 */
@WorkflowInterface
public interface ClaimReviewWorkflow {
  @WorkflowMethod
  RunningOperation review(ItemRef item);
}
