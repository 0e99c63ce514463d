package dev.reprotect.workflows.resume;

import dev.reprotect.activities.resume.ResumeErrorCode;
import dev.reprotect.workflows.ReprotectSearchAttributes;
import dev.reprotect.workflows.WorkflowIds;
import dev.reprotect.workflows.replication.ReplicationInput;
import dev.reprotect.workflows.replication.ReplicationWorkflow;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.SearchAttributes;
import io.temporal.failure.ApplicationFailure;
import jakarta.inject.Inject;
import java.util.Optional;

public final class ReplicationLaunchActivitiesImpl implements ReplicationLaunchActivities {
  private final WorkflowClient client;

  @Inject
  public ReplicationLaunchActivitiesImpl(WorkflowClient client) {
    this.client = client;
  }

  @Override
  public ReplicationLaunched launchReplication(LaunchReplication launch) {
    ReplicationInput input = launch.input();
    String workflowId = WorkflowIds.replication(input.vault(), input.vm());
    ReplicationWorkflow replication =
        client.newWorkflowStub(
            ReplicationWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(workflowId)
                .setTaskQueue(launch.taskQueue())
                .setStaticSummary(launch.summary())
                .setTypedSearchAttributes(
                    SearchAttributes.newBuilder()
                        .set(ReprotectSearchAttributes.VM_NAME, input.vm())
                        .set(ReprotectSearchAttributes.VAULT, input.vault())
                        .build())
                .build());
    try {
      WorkflowExecution started = WorkflowClient.start(replication::replicate, input);
      return new ReplicationLaunched(workflowId, started.getRunId(), false);
    } catch (WorkflowExecutionAlreadyStarted running) {
      WorkflowExecution execution = running.getExecution();
      ReplicationInput theirs = startInput(execution);
      if (sameReplication(input, theirs)) {
        return new ReplicationLaunched(workflowId, execution.getRunId(), true);
      }
      throw ApplicationFailure.newNonRetryableFailure(
          String.format(
              "%s already runs (run tag %s, %s -> %s): stop it with reprotect replication %s"
                  + " --vault %s --stop, then start it with --start",
              workflowId,
              theirs.runTag(),
              theirs.sourceRegion(),
              theirs.targetRegion(),
              input.vm(),
              input.vault()),
          ResumeErrorCode.ReplicationRunning.name());
    }
  }

  /**
   * The same replication: a retry of this very start, or of a job that started it before a reset.
   * Its run tag names its cuts and points, so another tag would be a second writer.
   */
  private static boolean sameReplication(ReplicationInput ours, ReplicationInput theirs) {
    return ours.runTag() != null
        && ours.runTag().equals(theirs.runTag())
        && ours.sourceRegion().equals(theirs.sourceRegion())
        && ours.targetRegion().equals(theirs.targetRegion());
  }

  /**
   * The input the running execution started with, from its history's first event: a query would
   * need a worker to answer, and a stuck replication is one reason to be here. Continue-as-new
   * keeps the run tag and the direction, so the current run's input tells.
   */
  private ReplicationInput startInput(WorkflowExecution execution) {
    HistoryEvent first =
        client
            .getWorkflowServiceStubs()
            .blockingStub()
            .getWorkflowExecutionHistory(
                GetWorkflowExecutionHistoryRequest.newBuilder()
                    .setNamespace(client.getOptions().getNamespace())
                    .setExecution(execution)
                    .setMaximumPageSize(1)
                    .build())
            .getHistory()
            .getEvents(0);
    return client
        .getOptions()
        .getDataConverter()
        .fromPayloads(
            0,
            Optional.of(first.getWorkflowExecutionStartedEventAttributes().getInput()),
            ReplicationInput.class,
            ReplicationInput.class);
  }
}
