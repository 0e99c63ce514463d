package dev.reprotect.workflows.reconcile;

import dev.reprotect.activities.replication.ItemRef;
import dev.reprotect.workflows.WorkflowIds;
import dev.reprotect.workflows.scrub.ScrubWorkflow;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.activity.Activity;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;

public final class ReplicationSweepActivitiesImpl implements ReplicationSweepActivities {
  private static final String RUNNING_QUERY =
      "WorkflowType = 'ReplicationWorkflow' AND ExecutionStatus = 'Running'";

  private final WorkflowClient client;

  @Inject
  public ReplicationSweepActivitiesImpl(WorkflowClient client) {
    this.client = client;
  }

  @Override
  public List<ItemRef> withoutReplication(List<ItemRef> items) {
    return items.stream().filter(item -> !running(item)).toList();
  }

  private boolean running(ItemRef item) {
    try {
      return client
              .getWorkflowServiceStubs()
              .blockingStub()
              .describeWorkflowExecution(
                  DescribeWorkflowExecutionRequest.newBuilder()
                      .setNamespace(client.getOptions().getNamespace())
                      .setExecution(
                          WorkflowExecution.newBuilder()
                              .setWorkflowId(WorkflowIds.replication(item.vault(), item.vm())))
                      .build())
              .getWorkflowExecutionInfo()
              .getStatus()
          == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
        return false;
      }
      throw e;
    }
  }

  @Override
  public RunningReplications runningReplications() {
    try {
      return new RunningReplications(
          true,
          client
              .listExecutions(RUNNING_QUERY)
              .map(
                  execution -> WorkflowIds.replicatedItem(execution.getExecution().getWorkflowId()))
              .toList());
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.UNIMPLEMENTED) {
        return new RunningReplications(false, List.of());
      }
      throw e;
    }
  }

  @Override
  public Optional<String> startScrub(ItemRef item) {
    String workflowId = WorkflowIds.scrub(item.vault(), item.vm());
    ScrubWorkflow scrub =
        client.newWorkflowStub(
            ScrubWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(workflowId)
                .setTaskQueue(Activity.getExecutionContext().getInfo().getActivityTaskQueue())
                .setStaticSummary(
                    "Scrub the replica of "
                        + item.vm()
                        + " of vault "
                        + item.vault()
                        + ", due by its policy")
                .build());
    try {
      return Optional.of(
          workflowId + " run " + WorkflowClient.start(scrub::scrub, item).getRunId());
    } catch (WorkflowExecutionAlreadyStarted running) {
      return Optional.empty();
    }
  }

  @Override
  public String endReplication(ItemRef item, String reason) {
    String workflowId = WorkflowIds.replication(item.vault(), item.vm());
    try {
      client.newUntypedWorkflowStub(workflowId).terminate(reason);
      return workflowId + " terminated: " + reason;
    } catch (WorkflowNotFoundException ended) {
      return workflowId + " had ended";
    }
  }
}
