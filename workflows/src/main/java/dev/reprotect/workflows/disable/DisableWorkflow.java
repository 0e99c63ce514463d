package dev.reprotect.workflows.disable;

import dev.reprotect.activities.disable.DisablePlan;
import dev.reprotect.activities.replication.ItemRef;
import dev.reprotect.workflows.job.Job;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Removes a VM's protection ({@code reprotect disable VM --vault V}), id {@code
 * disable.<vault>.<vm>}: claims the item, stops its replication, deletes what the protection made
 * (recovery points, cuts, replicas, staging blobs, and the resources recorded as created by it once
 * they are empty), and removes the item last. The VM, its disks and whatever existed before the
 * protection stay. A refused job changes nothing; a failed or cancelled one leaves the item
 * DisableFailed, and a re-run deletes what is left.
 */
@WorkflowInterface
public interface DisableWorkflow {
  @WorkflowMethod
  DisableSummary disable(ItemRef item);

  @QueryMethod
  Job<DisableStep, DisablePlan> job();
}
