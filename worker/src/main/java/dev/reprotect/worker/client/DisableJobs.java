package dev.reprotect.worker.client;

import dev.reprotect.activities.disable.DisablePlan;
import dev.reprotect.activities.replication.ItemRef;
import dev.reprotect.workflows.WorkflowIds;
import dev.reprotect.workflows.disable.DisableStep;
import dev.reprotect.workflows.disable.DisableSummary;
import dev.reprotect.workflows.disable.DisableWorkflow;
import dev.reprotect.workflows.job.Job;
import io.temporal.client.WorkflowClient;
import java.util.Optional;

/**
 * The CLI's view of the disable jobs (workflow {@code disable.<vault>.<vm>}); every call goes to
 * Temporal, never to the backend.
 */
public final class DisableJobs {
  private final WorkflowClient client;

  DisableJobs(WorkflowClient client) {
    this.client = client;
  }

  public String start(String vault, String vm) {
    DisableWorkflow workflow =
        client.newWorkflowStub(
            DisableWorkflow.class,
            JobsClient.jobOptions(
                WorkflowIds.disable(vault, vm),
                vault,
                vm,
                "Disable the protection of " + vm + " in vault " + vault));
    return WorkflowClient.start(workflow::disable, new ItemRef(vault, vm)).getWorkflowId();
  }

  /** Waits for the job's end; a refused or failed job throws what the workflow failed with. */
  public DisableSummary await(String workflowId) {
    return client.newUntypedWorkflowStub(workflowId).getResult(DisableSummary.class);
  }

  /** The job through the workflow's query; empty when no worker answers it. */
  public Optional<Job<DisableStep, DisablePlan>> query(String workflowId) {
    try {
      return Optional.of(client.newWorkflowStub(DisableWorkflow.class, workflowId).job());
    } catch (RuntimeException noWorker) {
      return Optional.empty();
    }
  }

  public ItemJobStatus<DisableStep, DisablePlan, DisableSummary> status(String workflowId) {
    return ItemJobStatus.of(
        client,
        workflowId,
        () -> query(workflowId),
        DisableStep.class,
        DisablePlan.class,
        DisableSummary.class);
  }
}
