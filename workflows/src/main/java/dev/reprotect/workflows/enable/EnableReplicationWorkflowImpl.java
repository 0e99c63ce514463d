package dev.reprotect.workflows.enable;

import dev.reprotect.activities.ProtectionPlan;
import dev.reprotect.activities.enable.EnablePlan;
import dev.reprotect.activities.enable.EnableRequest;
import dev.reprotect.activities.item.ReplicatedItemActivities;
import dev.reprotect.activities.plan.EnablePlanning;
import dev.reprotect.azure.ItemLifecycle;
import dev.reprotect.workflows.ActivityPolicies;
import dev.reprotect.workflows.reprotect.AbstractProtectionWorkflow;
import dev.reprotect.workflows.reprotect.ProtectionSummary;

public final class EnableReplicationWorkflowImpl extends AbstractProtectionWorkflow
    implements EnableReplicationWorkflow {
  /** The plan as checked, with the item to register: the claim registers exactly that item. */
  private EnablePlan checked;

  @Override
  public ProtectionSummary enable(EnableRequest request) {
    return protect(
        request.vault(),
        request.vm(),
        ItemLifecycle.EnableReplication,
        request.replicationCycleSeconds(),
        () -> plan(request),
        (plan, operation) ->
            stub(
                    ReplicatedItemActivities.class,
                    ActivityPolicies.step(
                        "Register "
                            + plan.vm()
                            + " in vault "
                            + plan.vault()
                            + ", claimed by this enable"))
                .enrollItem(operation, checked.item()));
  }

  private ProtectionPlan plan(EnableRequest request) {
    checked =
        stub(
                EnablePlanning.class,
                ActivityPolicies.step(
                    "Check prerequisites and plan the protection of " + request.vm()))
            .planEnable(request);
    return checked.protection();
  }
}
