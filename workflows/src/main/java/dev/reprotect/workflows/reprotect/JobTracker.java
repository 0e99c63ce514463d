package dev.reprotect.workflows.reprotect;

import com.uber.m3.tally.Scope;
import com.uber.m3.util.Duration;
import dev.reprotect.activities.ReprotectPlan;
import dev.reprotect.workflows.ReprotectSearchAttributes;
import io.temporal.workflow.Workflow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The job as the workflow keeps it, and its mirrors in the Web UI: the current details and the
 * {@code ReprotectStep} search attribute follow every change of step and the job's end. The
 * details are no command: setting them changes no history, so old histories still replay. Nor are
 * the metrics: the workflow's metrics scope emits nothing during a replay, so a job's end and each
 * step's duration are counted once.
 */
final class JobTracker {
  private final String jobId;
  private final String vault;
  private final String vm;
  private final Instant startTime;
  private final Map<ReprotectStep, JobStep> steps = new EnumMap<>(ReprotectStep.class);
  private JobState state = JobState.InProgress;
  private Instant endTime;
  private String errorCode;
  private String errorMessage;
  private ReprotectPlan plan;

  JobTracker(String jobId, String vault, String vm) {
    this.jobId = jobId;
    this.vault = vault;
    this.vm = vm;
    this.startTime = now();
    for (ReprotectStep step : ReprotectStep.values()) {
      steps.put(step, new JobStep(step, step.title(), StepState.NotStarted, null, null, ""));
    }
  }

  /** The plan the job runs, from the moment the prerequisites passed. */
  void recordPlan(ReprotectPlan planned) {
    plan = planned;
  }

  void start(ReprotectStep step, String detail) {
    steps.put(step, new JobStep(step, step.title(), StepState.InProgress, now(), null, detail));
    Workflow.upsertTypedSearchAttributes(
        ReprotectSearchAttributes.REPROTECT_STEP.valueSet(step.name()));
    Workflow.setCurrentDetails(JobDetails.markdown(String.format(
        "**%s** (step %d of %d) for %s in vault %s%n%n%s", step.title(), step.ordinal() + 1,
        ReprotectStep.values().length, vm, vault, detail), snapshot()));
  }

  void succeed(ReprotectStep step, String detail) {
    finish(step, StepState.Succeeded, detail);
  }

  void skip(ReprotectStep step, String reason) {
    Instant now = now();
    steps.put(step, new JobStep(step, step.title(), StepState.Skipped, now, now, reason));
  }

  /** Ends the job: a step still in progress ends with the job's outcome. */
  void end(JobState outcome, String code, String message) {
    state = outcome;
    endTime = now();
    jobMetrics().tagged(Map.of("outcome", outcome.name())).counter("reprotect_jobs").inc(1);
    errorCode = code;
    errorMessage = message;
    StepState stepOutcome = StepState.endingWith(outcome);
    for (JobStep step : new ArrayList<>(steps.values())) {
      if (step.state() == StepState.InProgress) {
        finish(step.step(), stepOutcome, message == null ? step.detail() : message);
      }
    }
    Workflow.upsertTypedSearchAttributes(
        ReprotectSearchAttributes.REPROTECT_STEP.valueSet(outcome.name()));
    Workflow.setCurrentDetails(JobDetails.markdown(String.format("**%s**: reprotect of %s in "
        + "vault %s%s", outcome, vm, vault,
        message == null ? "" : String.format("%n%n%s: %s", code, message)), snapshot()));
  }

  /** What the backend metered across regions for the job, once it is known. */
  void recordBytesSent(long bytesSentAcrossRegions) {
    jobMetrics().counter("reprotect_bytes_sent_across_regions").inc(bytesSentAcrossRegions);
  }

  ReprotectJob snapshot() {
    List<JobStep> ordered = new ArrayList<>(steps.values());
    return new ReprotectJob(jobId, vault, vm, state, startTime, endTime, ordered, errorCode,
        errorMessage, plan == null ? null : plan.digest(), plan);
  }

  long elapsedMillis() {
    return Workflow.currentTimeMillis() - startTime.toEpochMilli();
  }

  private void finish(ReprotectStep step, StepState outcome, String detail) {
    JobStep current = steps.get(step);
    Instant end = now();
    steps.put(step, new JobStep(step, step.title(), outcome, current.startTime(), end, detail));
    jobMetrics().tagged(Map.of("step", step.name(), "outcome", outcome.name()))
        .timer("reprotect_step_duration")
        .record(Duration.ofMillis(end.toEpochMilli() - current.startTime().toEpochMilli()));
  }

  private static Scope jobMetrics() {
    return Workflow.getMetricsScope().tagged(Map.of("type", "Reprotect"));
  }

  private static Instant now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis());
  }
}
