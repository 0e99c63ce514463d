package dev.reprotect.worker.cli;

import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowException;
import io.temporal.failure.ApplicationFailure;
import java.util.Optional;

/** What the server says of one workflow execution, whatever its type. */
public final class WorkflowExecutions {
  private WorkflowExecutions() {}

  /** The latest run of the workflow id; NOT_FOUND (a gRPC status) when there is none. */
  public static DescribeWorkflowExecutionResponse describe(WorkflowClient client, String workflowId) {
    return describe(client, WorkflowExecution.newBuilder().setWorkflowId(workflowId).build());
  }

  /** One run, or the latest when {@code execution} names none; NOT_FOUND when there is none. */
  static DescribeWorkflowExecutionResponse describe(
      WorkflowClient client, WorkflowExecution execution) {
    return client.getWorkflowServiceStubs().blockingStub().describeWorkflowExecution(
        DescribeWorkflowExecutionRequest.newBuilder()
            .setNamespace(client.getOptions().getNamespace())
            .setExecution(execution)
            .build());
  }

  /** RUNNING, COMPLETED, FAILED, CANCELED, TERMINATED, CONTINUED_AS_NEW or TIMED_OUT. */
  static String name(WorkflowExecutionStatus status) {
    return status.name().replace("WORKFLOW_EXECUTION_STATUS_", "");
  }

  /** The job a failed workflow put in its failure's details, if any. */
  static <T> Optional<T> jobOfFailure(WorkflowException e, Class<T> jobType) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ApplicationFailure failure && failure.getDetails() != null) {
        try {
          return Optional.ofNullable(failure.getDetails().get(jobType));
        } catch (RuntimeException notAJob) {
          return Optional.empty();
        }
      }
    }
    return Optional.empty();
  }
}
