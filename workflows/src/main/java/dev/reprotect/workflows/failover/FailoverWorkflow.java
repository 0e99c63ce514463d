package dev.reprotect.workflows.failover;

import dev.reprotect.activities.failover.FailoverPlan;
import dev.reprotect.activities.failover.FailoverRequest;
import dev.reprotect.workflows.job.Job;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Fails one replicated item over to its recovery region, changes the point it runs on before
 * commit, or commits it: one workflow id per item, {@code failover.<vault>.<vm>}, each a run. A
 * refused or failed job fails the workflow with its error code as the failure type and the job in
 * the failure's details.
 */
@WorkflowInterface
public interface FailoverWorkflow {
  @WorkflowMethod
  FailoverSummary failover(FailoverRequest request);

  @QueryMethod
  Job<FailoverStep, FailoverPlan> job();
}
