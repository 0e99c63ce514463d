package dev.reprotect.workflows.enable;

import dev.reprotect.activities.ProtectionPlan;
import dev.reprotect.activities.enable.EnableRequest;
import dev.reprotect.workflows.job.Job;
import dev.reprotect.workflows.reprotect.ProtectionStep;
import dev.reprotect.workflows.reprotect.ProtectionSummary;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Protects a VM for the first time: registers it as an item of the vault, copies its disks in full
 * to the other region of its network's mapping (cut 0, through the reprotect's sync) and starts its
 * replication. One workflow per item, id {@code enable.<vault>.<vm>}. Its job has the reprotect's
 * steps (the seed steps skipped: there is no target VM), so it reads the same; a refused or failed
 * job fails the workflow with its error code as the failure type.
 */
@WorkflowInterface
public interface EnableReplicationWorkflow {
  @WorkflowMethod
  ProtectionSummary enable(EnableRequest request);

  @QueryMethod
  Job<ProtectionStep, ProtectionPlan> job();
}
