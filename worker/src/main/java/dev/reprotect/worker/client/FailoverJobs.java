package dev.reprotect.worker.client;

import dev.reprotect.activities.failover.FailoverPlan;
import dev.reprotect.activities.failover.FailoverRequest;
import dev.reprotect.workflows.WorkflowIds;
import dev.reprotect.workflows.failover.FailoverStep;
import dev.reprotect.workflows.failover.FailoverSummary;
import dev.reprotect.workflows.failover.FailoverWorkflow;
import dev.reprotect.workflows.job.Job;
import io.temporal.client.WorkflowClient;
import java.util.Optional;

/**
 * The CLI's view of failover jobs (a failover, a change of its point, its commit: each a run of
 * workflow {@code failover.<vault>.<vm>}); every call goes to Temporal.
 */
public final class FailoverJobs {
  private final WorkflowClient client;

  FailoverJobs(WorkflowClient client) {
    this.client = client;
  }

  public String start(FailoverRequest request) {
    FailoverWorkflow workflow =
        client.newWorkflowStub(
            FailoverWorkflow.class,
            JobsClient.jobOptions(
                WorkflowIds.failover(request.vault(), request.vm(), request.operation()),
                request.vault(),
                request.vm(),
                request.operation() + " of " + request.vm() + " of vault " + request.vault()));
    return WorkflowClient.start(workflow::failover, request).getWorkflowId();
  }

  /** Waits for the job's end; a failed job throws what the workflow failed with. */
  public FailoverSummary await(String workflowId) {
    return client.newUntypedWorkflowStub(workflowId).getResult(FailoverSummary.class);
  }

  /** The job through the workflow's query; empty when no worker answers it. */
  public Optional<Job<FailoverStep, FailoverPlan>> query(String workflowId) {
    try {
      return Optional.of(client.newWorkflowStub(FailoverWorkflow.class, workflowId).job());
    } catch (RuntimeException noWorker) {
      return Optional.empty();
    }
  }

  public ItemJobStatus<FailoverStep, FailoverPlan, FailoverSummary> status(String workflowId) {
    return ItemJobStatus.of(
        client,
        workflowId,
        () -> query(workflowId),
        FailoverStep.class,
        FailoverPlan.class,
        FailoverSummary.class);
  }
}
