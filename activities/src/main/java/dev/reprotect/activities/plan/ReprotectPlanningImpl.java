package dev.reprotect.activities.plan;

import dev.reprotect.activities.AzureFailures;
import dev.reprotect.activities.ProtectionPlan;
import dev.reprotect.activities.ReprotectRequest;
import dev.reprotect.azure.AzureBackend;
import io.temporal.activity.Activity;
import jakarta.inject.Inject;

public final class ReprotectPlanningImpl implements ReprotectPlanning {
  private final ReprotectPlanner planner;

  @Inject
  public ReprotectPlanningImpl(AzureBackend azure) {
    this.planner = new ReprotectPlanner(azure);
  }

  @Override
  public ProtectionPlan plan(ReprotectRequest request) {
    String workflowId = Activity.getExecutionContext().getInfo().getWorkflowId();
    return AzureFailures.translated(null, () -> planner.plan(request, workflowId));
  }
}
