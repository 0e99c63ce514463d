package dev.reprotect.workflows.reprotect;

import dev.reprotect.activities.ReprotectRequest;
import dev.reprotect.activities.item.ReplicatedItemActivities;
import dev.reprotect.activities.plan.ReprotectPlanning;
import dev.reprotect.azure.ItemLifecycle;
import dev.reprotect.workflows.ActivityPolicies;

public final class ReprotectWorkflowImpl extends AbstractProtectionWorkflow
    implements ReprotectWorkflow {
  @Override
  public ProtectionSummary reprotect(ReprotectRequest request) {
    return protect(
        request.vault(),
        request.vm(),
        ItemLifecycle.Reprotect,
        request.replicationCycleSeconds(),
        () ->
            stub(
                    ReprotectPlanning.class,
                    ActivityPolicies.step(
                        "Check prerequisites and plan the reprotect of " + request.vm()))
                .plan(request),
        (plan, operation) ->
            stub(
                    ReplicatedItemActivities.class,
                    ActivityPolicies.step(
                        "Record the reprotect as the running operation of " + plan.vm()))
                .claimItem(operation, plan.checkedItem()));
  }
}
