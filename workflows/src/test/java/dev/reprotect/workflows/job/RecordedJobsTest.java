package dev.reprotect.workflows.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reprotect.activities.ProtectionPlan;
import dev.reprotect.activities.failover.FailoverPlan;
import dev.reprotect.azure.ItemLifecycle;
import dev.reprotect.workflows.failover.FailoverStep;
import dev.reprotect.workflows.reprotect.ProtectionStep;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.common.converter.DefaultDataConverter;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The jobs that failed workflows recorded in their details before the job types shared one record
 * (ReprotectJob, FailoverJob) read back as the current record, as `status` reads a finished job's:
 * the checked-in histories hold them as the earlier versions wrote them.
 */
class RecordedJobsTest {
  private static final Type REPROTECT = Job.type(ProtectionStep.class, ProtectionPlan.class);
  private static final Type FAILOVER = Job.type(FailoverStep.class, FailoverPlan.class);

  @Test
  void aReprotectJobRecordedBeforeItsPlanWasReadsBackWithoutOne() throws IOException {
    Job<ProtectionStep, ProtectionPlan> job = recorded("reprotect-failed-in-sync.v2", REPROTECT);

    assertThat(job.state()).isEqualTo(JobState.Failed);
    assertThat(job.errorCode()).isEqualTo("ResourceNotFound");
    assertThat(job.operation()).isNull();
    assertThat(job.plan()).isNull();
    assertThat(job.steps()).extracting(JobStep::step).containsExactly(ProtectionStep.values());
  }

  @Test
  void aReprotectJobAndAnEnableJobReadBackWithTheirPlans() throws IOException {
    for (String history : new String[] {"reprotect-failed-in-sync.v4", "enable-failed.v1"}) {
      Job<ProtectionStep, ProtectionPlan> job = recorded(history, REPROTECT);

      assertThat(job.state()).isEqualTo(JobState.Failed);
      assertThat(job.plan().digest()).isEqualTo(job.planDigest()).isNotNull();
      assertThat(job.steps()).extracting(JobStep::step).containsExactly(ProtectionStep.values());
    }
  }

  @Test
  void aFailoverJobReadsBackWithItsOperationAndPlan() throws IOException {
    Job<FailoverStep, FailoverPlan> job = recorded("failover-failed.v1", FAILOVER);

    assertThat(job.operation()).isEqualTo(ItemLifecycle.Failover);
    assertThat(job.state()).isEqualTo(JobState.Failed);
    assertThat(job.plan().operation()).isEqualTo(ItemLifecycle.Failover);
    assertThat(job.planDigest()).isNull();
    assertThat(job.steps())
        .extracting(JobStep::step)
        .containsExactlyElementsOf(FailoverStep.of(ItemLifecycle.Failover));
    assertThat(job.steps())
        .filteredOn(step -> step.step() == FailoverStep.CreateDisks)
        .extracting(JobStep::state)
        .containsExactly(StepState.Failed);
  }

  /** The job in the details of the failure that history {@code name} ended with. */
  private static <T> T recorded(String name, Type type) throws IOException {
    String json;
    try (InputStream in =
        RecordedJobsTest.class.getResourceAsStream("/histories/" + name + ".json")) {
      json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    HistoryEvent failed =
        WorkflowExecutionHistory.fromJson(json).getEvents().stream()
            .filter(event -> event.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_FAILED)
            .findFirst()
            .orElseThrow();
    Payloads details =
        failed
            .getWorkflowExecutionFailedEventAttributes()
            .getFailure()
            .getApplicationFailureInfo()
            .getDetails();
    @SuppressWarnings("unchecked")
    T job =
        (T)
            DefaultDataConverter.STANDARD_INSTANCE.fromPayloads(
                0, Optional.of(details), Job.class, type);
    return job;
  }
}
