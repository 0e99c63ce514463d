package dev.reprotect.workflows.failover;

import dev.reprotect.activities.failover.FailoverPlan;
import dev.reprotect.azure.ItemLifecycle;
import dev.reprotect.workflows.ReprotectSearchAttributes;
import dev.reprotect.workflows.reprotect.JobState;
import dev.reprotect.workflows.reprotect.StepState;
import io.temporal.workflow.Workflow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The failover job as the workflow keeps it, mirrored in the Web UI's current details and the
 * step search attribute (neither is a command: histories replay unchanged).
 */
final class FailoverJobTracker {
  private final String jobId;
  private final String vault;
  private final String vm;
  private final ItemLifecycle operation;
  private final Instant startTime;
  private final Map<FailoverStep, FailoverJobStep> steps = new EnumMap<>(FailoverStep.class);
  private JobState state = JobState.InProgress;
  private Instant endTime;
  private String errorCode;
  private String errorMessage;
  private FailoverPlan plan;

  FailoverJobTracker(String jobId, String vault, String vm, ItemLifecycle operation) {
    this.jobId = jobId;
    this.vault = vault;
    this.vm = vm;
    this.operation = operation;
    this.startTime = now();
    for (FailoverStep step : FailoverStep.of(operation)) {
      steps.put(step, new FailoverJobStep(step, step.title(), StepState.NotStarted, null, null,
          ""));
    }
  }

  void recordPlan(FailoverPlan planned) {
    plan = planned;
  }

  void start(FailoverStep step, String detail) {
    steps.put(step, new FailoverJobStep(step, step.title(), StepState.InProgress, now(), null,
        detail));
    Workflow.upsertTypedSearchAttributes(
        ReprotectSearchAttributes.REPROTECT_STEP.valueSet(step.name()));
    Workflow.setCurrentDetails(String.format("**%s** of %s in vault %s (%s)%n%n%s",
        step.title(), vm, vault, operation, detail));
  }

  void succeed(FailoverStep step, String detail) {
    finish(step, StepState.Succeeded, detail);
  }

  /** A step that failed without failing the job (the source's shutdown). */
  void failAndGoOn(FailoverStep step, String detail) {
    finish(step, StepState.Failed, detail);
  }

  void skip(FailoverStep step, String reason) {
    Instant now = now();
    steps.put(step, new FailoverJobStep(step, step.title(), StepState.Skipped, now, now, reason));
  }

  /** Ends the job: a step still in progress ends with the job's outcome. */
  void end(JobState outcome, String code, String message) {
    state = outcome;
    endTime = now();
    errorCode = code;
    errorMessage = message;
    StepState stepOutcome = StepState.endingWith(outcome);
    for (FailoverJobStep step : new ArrayList<>(steps.values())) {
      if (step.state() == StepState.InProgress) {
        finish(step.step(), stepOutcome, message == null ? step.detail() : message);
      }
    }
    Workflow.upsertTypedSearchAttributes(
        ReprotectSearchAttributes.REPROTECT_STEP.valueSet(outcome.name()));
    Workflow.setCurrentDetails(String.format("**%s**: %s of %s in vault %s%s", outcome, operation,
        vm, vault, message == null ? "" : String.format("%n%n%s: %s", code, message)));
  }

  FailoverJob snapshot() {
    return new FailoverJob(jobId, vault, vm, operation, state, startTime, endTime,
        List.copyOf(steps.values()), errorCode, errorMessage, plan);
  }

  long elapsedMillis() {
    return Workflow.currentTimeMillis() - startTime.toEpochMilli();
  }

  private void finish(FailoverStep step, StepState outcome, String detail) {
    FailoverJobStep current = steps.get(step);
    steps.put(step, new FailoverJobStep(step, step.title(), outcome, current.startTime(), now(),
        detail));
  }

  private static Instant now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis());
  }
}
