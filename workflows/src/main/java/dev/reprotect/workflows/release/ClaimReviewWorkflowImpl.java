package dev.reprotect.workflows.release;

import dev.reprotect.activities.item.ReplicatedItemActivities;
import dev.reprotect.activities.replication.ItemRef;
import dev.reprotect.azure.RunningOperation;
import dev.reprotect.workflows.ActivityPolicies;
import io.temporal.workflow.Workflow;

public final class ClaimReviewWorkflowImpl implements ClaimReviewWorkflow {
  @Override
  public RunningOperation review(ItemRef item) {
    return Workflow.newActivityStub(
            ReplicatedItemActivities.class, ActivityPolicies.step("Read the claim on " + item.vm()))
        .claimOf(item);
  }
}
