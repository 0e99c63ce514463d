package dev.reprotect.workflows.reprotect;

import dev.reprotect.activities.ItemOperation;
import dev.reprotect.activities.ProtectionPlan;
import dev.reprotect.activities.ReprotectRequest;
import dev.reprotect.activities.item.ReplicatedItemActivities;
import dev.reprotect.activities.plan.ReprotectPlanning;
import dev.reprotect.azure.ItemLifecycle;
import dev.reprotect.workflows.ActivityPolicies;
import dev.reprotect.workflows.job.Job;
import dev.reprotect.workflows.job.JobTracker;
import io.temporal.workflow.Workflow;
import java.util.List;

/**
 * The reprotect with two steps swapped: it claims the item before it plans. Its only use is to show
 * that replay catches a reordered step: its first command is the real workflow's, its second is
 * not, and it stops there, since replay fails there.
 */
public final class ReorderedReprotectWorkflow implements ReprotectWorkflow {
  @Override
  public ProtectionSummary reprotect(ReprotectRequest request) {
    new JobTracker<ProtectionStep, ProtectionPlan>(
            ItemLifecycle.Reprotect,
            request.vault(),
            request.vm(),
            List.of(ProtectionStep.values()))
        .start(ProtectionStep.CheckPrerequisites, "same first command as the real workflow");
    Workflow.newActivityStub(ReplicatedItemActivities.class, ActivityPolicies.step("claim"))
        .claimItem(
            new ItemOperation(
                request.vault(),
                request.vm(),
                "Reprotect",
                Workflow.getInfo().getWorkflowId(),
                null),
            null);
    Workflow.newActivityStub(ReprotectPlanning.class, ActivityPolicies.step("plan")).plan(request);
    return null;
  }

  @Override
  public Job<ProtectionStep, ProtectionPlan> job() {
    return null;
  }
}
