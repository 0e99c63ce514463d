package dev.reprotect.workflows.plan;

import dev.reprotect.activities.ProtectionPlan;
import dev.reprotect.activities.ReprotectRequest;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * The review before a reprotect: checks the prerequisites and returns the plan, changing nothing. A
 * workflow, so that the CLI sees the world through a worker like every other command.
 */
@WorkflowInterface
public interface PlanReviewWorkflow {
  @WorkflowMethod
  ProtectionPlan review(ReprotectRequest request);
}
