package dev.reprotect.workflows.reprotect;

import dev.reprotect.activities.ProtectionPlan;
import dev.reprotect.activities.ReprotectRequest;
import dev.reprotect.workflows.job.Job;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Reprotects one replicated item: reverses its replication so the failed-over VM is protected
 * again. One workflow per item, id {@code reprotect.<vault>.<vm>}. A refused or failed job fails
 * the workflow with its error code as the failure type and the job in the failure's details.
 */
@WorkflowInterface
public interface ReprotectWorkflow {
  @WorkflowMethod
  ProtectionSummary reprotect(ReprotectRequest request);

  @QueryMethod
  Job<ProtectionStep, ProtectionPlan> job();
}
