package dev.reprotect.worker.client;

import dev.reprotect.workflows.job.Job;
import dev.reprotect.workflows.job.Step;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowException;
import io.temporal.client.WorkflowStub;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A job on an item other than a reprotect (a failover, a disable) as {@code status} shows it: the
 * workflow's status, the job (from the query while it runs, from the failure's details when it
 * failed), the summary once it succeeded, the error once it failed.
 */
public record ItemJobStatus<S extends Enum<S> & Step, P, R>(
    String workflowId, String status, Job<S, P> job, R summary, CliError error) {

  /**
   * The job of workflow {@code workflowId}, asked of Temporal: {@code query} asks the running
   * workflow (empty when no worker answers), a finished one answers from its result or failure.
   */
  static <S extends Enum<S> & Step, P, R> ItemJobStatus<S, P, R> of(
      WorkflowClient client,
      String workflowId,
      Supplier<Optional<Job<S, P>>> query,
      Class<S> steps,
      Class<P> plan,
      Class<R> summary) {
    WorkflowExecutionStatus status =
        WorkflowExecutions.describe(client, workflowId).getWorkflowExecutionInfo().getStatus();
    String name = WorkflowExecutions.name(status);
    WorkflowStub stub = client.newUntypedWorkflowStub(workflowId);
    switch (status) {
      case WORKFLOW_EXECUTION_STATUS_RUNNING -> {
        return new ItemJobStatus<>(workflowId, name, query.get().orElse(null), null, null);
      }
      case WORKFLOW_EXECUTION_STATUS_COMPLETED -> {
        return new ItemJobStatus<>(workflowId, name, null, stub.getResult(summary), null);
      }
      default -> {
        try {
          stub.getResult(summary);
          throw new IllegalStateException("a closed, unsuccessful workflow returned a result");
        } catch (WorkflowException e) {
          return new ItemJobStatus<>(
              workflowId,
              name,
              WorkflowExecutions.jobOfFailure(e, steps, plan).or(query).orElse(null),
              null,
              JobFailures.describe(e));
        }
      }
    }
  }
}
