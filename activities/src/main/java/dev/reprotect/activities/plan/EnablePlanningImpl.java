package dev.reprotect.activities.plan;

import dev.reprotect.activities.AzureFailures;
import dev.reprotect.activities.enable.EnablePlan;
import dev.reprotect.activities.enable.EnableRequest;
import dev.reprotect.azure.AzureBackend;
import io.temporal.activity.Activity;
import jakarta.inject.Inject;

public final class EnablePlanningImpl implements EnablePlanning {
  private final EnablePlanner planner;

  @Inject
  public EnablePlanningImpl(AzureBackend azure) {
    this.planner = new EnablePlanner(azure);
  }

  @Override
  public EnablePlan planEnable(EnableRequest request) {
    String workflowId = Activity.getExecutionContext().getInfo().getWorkflowId();
    return AzureFailures.translated(null, () -> planner.plan(request, workflowId));
  }
}
