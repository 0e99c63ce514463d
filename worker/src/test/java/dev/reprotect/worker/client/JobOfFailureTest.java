package dev.reprotect.worker.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reprotect.activities.failover.FailoverPlan;
import dev.reprotect.azure.ItemLifecycle;
import dev.reprotect.workflows.failover.FailoverStep;
import dev.reprotect.workflows.job.Job;
import dev.reprotect.workflows.job.JobState;
import dev.reprotect.workflows.job.JobStep;
import dev.reprotect.workflows.job.StepState;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.RetryState;
import io.temporal.api.failure.v1.ApplicationFailureInfo;
import io.temporal.api.failure.v1.Failure;
import io.temporal.client.WorkflowFailedException;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.failure.DefaultFailureConverter;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * `status` of a failed job reads the job from the failure's details, as the server hands them over
 * (no worker needed): its steps come back as the job type's steps.
 */
class JobOfFailureTest {
  private static final Instant T = Instant.parse("2026-12-01T12:58:53Z");
  private static final String FAULT = "injected fault in copyBlob";

  @Test
  void aFailedWorkflowsJobReadsBackWithItsStepsTyped() {
    JobStep<FailoverStep> copy =
        new JobStep<>(
            FailoverStep.CreateDisks,
            FailoverStep.CreateDisks.title(),
            StepState.Failed,
            T,
            T,
            FAULT);
    Job<FailoverStep, FailoverPlan> job =
        new Job<>(
            "failover.contoso.web-01",
            "contoso",
            "web-01",
            ItemLifecycle.Failover,
            JobState.Failed,
            T,
            T,
            List.of(copy),
            "ResourceNotFound",
            FAULT,
            null,
            null);
    Failure failure =
        Failure.newBuilder()
            .setMessage(FAULT)
            .setApplicationFailureInfo(
                ApplicationFailureInfo.newBuilder()
                    .setType("ResourceNotFound")
                    .setDetails(
                        DefaultDataConverter.STANDARD_INSTANCE.toPayloads(job).orElseThrow()))
            .build();
    WorkflowFailedException failed =
        new WorkflowFailedException(
            WorkflowExecution.newBuilder().setWorkflowId(job.jobId()).build(),
            "FailoverWorkflow",
            EventType.EVENT_TYPE_WORKFLOW_EXECUTION_FAILED,
            0,
            RetryState.RETRY_STATE_NON_RETRYABLE_FAILURE,
            new DefaultFailureConverter()
                .failureToException(failure, DefaultDataConverter.STANDARD_INSTANCE));

    assertThat(WorkflowExecutions.jobOfFailure(failed, FailoverStep.class, FailoverPlan.class))
        .contains(job);
  }
}
