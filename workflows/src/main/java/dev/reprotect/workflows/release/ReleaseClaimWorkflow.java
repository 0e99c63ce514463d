package dev.reprotect.workflows.release;

import dev.reprotect.activities.item.StaleClaim;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Clears a claim the operator found stale (its workflow run no longer open), compared by its
 * workflow id and run: the item is left ReprotectFailed, and the backend logs the release under
 * this workflow. ItemChanged, and nothing changes, when the item no longer holds that claim.
 */
@WorkflowInterface
public interface ReleaseClaimWorkflow {
  @WorkflowMethod
  void release(StaleClaim stale);
}
