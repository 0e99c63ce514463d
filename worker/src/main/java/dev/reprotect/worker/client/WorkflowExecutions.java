package dev.reprotect.worker.client;

import dev.reprotect.workflows.job.Job;
import dev.reprotect.workflows.job.Step;
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
  public static DescribeWorkflowExecutionResponse describe(
      WorkflowClient client, String workflowId) {
    return describe(client, WorkflowExecution.newBuilder().setWorkflowId(workflowId).build());
  }

  /** One run, or the latest when {@code execution} names none; NOT_FOUND when there is none. */
  static DescribeWorkflowExecutionResponse describe(
      WorkflowClient client, WorkflowExecution execution) {
    return client
        .getWorkflowServiceStubs()
        .blockingStub()
        .describeWorkflowExecution(
            DescribeWorkflowExecutionRequest.newBuilder()
                .setNamespace(client.getOptions().getNamespace())
                .setExecution(execution)
                .build());
  }

  /** RUNNING, COMPLETED, FAILED, CANCELED, TERMINATED, CONTINUED_AS_NEW or TIMED_OUT. */
  public static String name(WorkflowExecutionStatus status) {
    return status.name().replace("WORKFLOW_EXECUTION_STATUS_", "");
  }

  /** The job a failed workflow put in its failure's details, if any. */
  static <S extends Enum<S> & Step, P> Optional<Job<S, P>> jobOfFailure(
      WorkflowException e, Class<S> steps, Class<P> plan) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ApplicationFailure failure && failure.getDetails() != null) {
        try {
          @SuppressWarnings("unchecked")
          Job<S, P> job = failure.getDetails().get(0, Job.class, Job.type(steps, plan));
          return Optional.ofNullable(job);
        } catch (RuntimeException notAJob) {
          return Optional.empty();
        }
      }
    }
    return Optional.empty();
  }
}
