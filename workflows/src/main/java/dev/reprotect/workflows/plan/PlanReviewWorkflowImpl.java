package dev.reprotect.workflows.plan;

import dev.reprotect.activities.ProtectionPlan;
import dev.reprotect.activities.ReprotectRequest;
import dev.reprotect.activities.plan.ReprotectPlanning;
import dev.reprotect.workflows.ActivityPolicies;
import io.temporal.workflow.Workflow;

public final class PlanReviewWorkflowImpl implements PlanReviewWorkflow {
  @Override
  public ProtectionPlan review(ReprotectRequest request) {
    return Workflow.newActivityStub(
            ReprotectPlanning.class,
            ActivityPolicies.step("Check prerequisites and plan the reprotect of " + request.vm()))
        .plan(request);
  }
}
