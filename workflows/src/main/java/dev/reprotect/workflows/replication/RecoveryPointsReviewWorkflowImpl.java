package dev.reprotect.workflows.replication;

import dev.reprotect.activities.item.ReplicatedItemActivities;
import dev.reprotect.activities.replication.ItemRef;
import dev.reprotect.azure.RecoveryPoint;
import dev.reprotect.workflows.ActivityPolicies;
import io.temporal.workflow.Workflow;
import java.util.List;

public final class RecoveryPointsReviewWorkflowImpl implements RecoveryPointsReviewWorkflow {
  @Override
  public List<RecoveryPoint> review(ItemRef item) {
    return Workflow.newActivityStub(
            ReplicatedItemActivities.class,
            ActivityPolicies.step("Read the recovery points of " + item.vm() + " in its vault"))
        .recoveryPointsOf(item);
  }
}
