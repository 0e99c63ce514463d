package dev.reprotect.worker.client;

import dev.reprotect.activities.replication.ItemRef;
import dev.reprotect.activities.scrub.ScrubProgress;
import dev.reprotect.workflows.WorkflowIds;
import dev.reprotect.workflows.scrub.ScrubResult;
import dev.reprotect.workflows.scrub.ScrubWorkflow;
import io.temporal.api.workflow.v1.PendingActivityInfo;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import java.util.Optional;

/**
 * The CLI's view of the scrubs ({@code scrub.<vault>.<vm>}): every call goes to Temporal, never to
 * the backend.
 */
public final class Scrubs {
  static final String DISK_ACTIVITY_TYPE = "ScrubDisk";

  /** A scrub started, or the one that was running already, which this command then follows. */
  public record Started(String workflowId, boolean joined) {}

  private final WorkflowClient client;

  Scrubs(WorkflowClient client) {
    this.client = client;
  }

  /** Starts the scrub of an item; one runs already: that one is followed instead. */
  public Started start(String vault, String vm) {
    String workflowId = WorkflowIds.scrub(vault, vm);
    ScrubWorkflow workflow =
        client.newWorkflowStub(
            ScrubWorkflow.class,
            JobsClient.jobOptions(
                workflowId, vault, vm, "Scrub the replica of " + vm + " of vault " + vault));
    try {
      WorkflowClient.start(workflow::scrub, new ItemRef(vault, vm));
      return new Started(workflowId, false);
    } catch (WorkflowExecutionAlreadyStarted running) {
      return new Started(workflowId, true);
    }
  }

  /** Waits for the scrub's end; one that failed (refused, ReplicaMismatch) throws why. */
  public ScrubResult await(String workflowId) {
    return client.newUntypedWorkflowStub(workflowId).getResult(ScrubResult.class);
  }

  /** The disks done so far, through the workflow's query; empty when no worker answers it. */
  public Optional<ScrubResult> progress(String workflowId) {
    try {
      return Optional.of(client.newWorkflowStub(ScrubWorkflow.class, workflowId).progress());
    } catch (RuntimeException noWorker) {
      return Optional.empty();
    }
  }

  /** The last heartbeat of the disk being compared now, if any. */
  public Optional<ScrubProgress> diskProgress(String workflowId) {
    for (PendingActivityInfo activity :
        WorkflowExecutions.describe(client, workflowId).getPendingActivitiesList()) {
      if (activity.getActivityType().getName().equals(DISK_ACTIVITY_TYPE)
          && activity.hasHeartbeatDetails()) {
        // The client's converter: a codec (encryption, compression) the worker encodes with.
        return Optional.of(
            client
                .getOptions()
                .getDataConverter()
                .fromPayloads(
                    0,
                    Optional.of(activity.getHeartbeatDetails()),
                    ScrubProgress.class,
                    ScrubProgress.class));
      }
    }
    return Optional.empty();
  }
}
