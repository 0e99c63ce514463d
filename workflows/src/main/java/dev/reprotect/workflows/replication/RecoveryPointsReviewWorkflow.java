package dev.reprotect.workflows.replication;

import dev.reprotect.activities.replication.ItemRef;
import dev.reprotect.azure.RecoveryPoint;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.List;

/**
 * Reads an item's recovery points from its vault for the operator: what a failover can choose now,
 * after a commit or a prune too, which the replication workflow's memory is not. Changes nothing;
 * ItemNotFound when the vault has no such item.
 */
@WorkflowInterface
public interface RecoveryPointsReviewWorkflow {
  @WorkflowMethod
  List<RecoveryPoint> review(ItemRef item);
}
