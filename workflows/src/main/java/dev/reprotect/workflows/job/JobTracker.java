package dev.reprotect.workflows.job;

import com.uber.m3.tally.Scope;
import com.uber.m3.util.Duration;
import dev.reprotect.azure.CallerCosts;
import dev.reprotect.azure.ItemLifecycle;
import dev.reprotect.workflows.ReprotectSearchAttributes;
import io.temporal.workflow.Workflow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The job as the workflow keeps it, whatever its type, and its mirrors: the current details in the
 * Web UI and the {@code ReprotectStep} search attribute follow every change of step and the job's
 * end; the metrics count its end and time its steps, tagged by {@code job_type}, so an alert on
 * failed jobs sees every type. The details are no command: setting them changes no history, so old
 * histories still replay. Nor are the metrics: the workflow's metrics scope emits nothing during a
 * replay, so a job's end and each step's duration are counted once.
 */
public final class JobTracker<S extends Enum<S> & Step, P> {
  private final String jobId;
  private final String vault;
  private final String vm;
  private final ItemLifecycle operation;
  private final Instant startTime;

  /** The job's steps in the order it runs them, which is the order it shows them. */
  private final List<S> order;

  private final Map<S, JobStep<S>> steps = new LinkedHashMap<>();
  private JobState state = JobState.InProgress;
  private Instant endTime;
  private String errorCode;
  private String errorMessage;
  private String planDigest;
  private P plan;

  /**
   * A job of {@code operation} on the item, with {@code steps} in the order it runs them: the first
   * is its check.
   */
  public JobTracker(ItemLifecycle operation, String vault, String vm, List<S> steps) {
    this.jobId = Workflow.getInfo().getWorkflowId();
    this.vault = vault;
    this.vm = vm;
    this.operation = operation;
    this.startTime = now();
    this.order = List.copyOf(steps);
    for (S step : steps) {
      this.steps.put(step, new JobStep<>(step, step.title(), StepState.NotStarted, null, null, ""));
    }
  }

  ItemLifecycle operation() {
    return operation;
  }

  /** The job's first step: its check, which plans the job or refuses it. */
  S checkStep() {
    return order.get(0);
  }

  /** The plan the job runs, from the moment its check passed; null before. */
  P plan() {
    return plan;
  }

  /** The plan the job runs, and its digest if it has one, from the moment its check passed. */
  void recordPlan(P planned, String digest) {
    plan = planned;
    planDigest = digest;
  }

  public void start(S step, String detail) {
    steps.put(step, new JobStep<>(step, step.title(), StepState.InProgress, now(), null, detail));
    Workflow.upsertTypedSearchAttributes(
        ReprotectSearchAttributes.REPROTECT_STEP.valueSet(step.name()));
    Workflow.setCurrentDetails(
        JobDetails.markdown(
            String.format(
                "**%s** (step %d of %d): %s of %s in vault %s%n%n%s",
                step.title(), order.indexOf(step) + 1, order.size(), operation, vm, vault, detail),
            snapshot()));
  }

  public void succeed(S step, String detail) {
    finish(step, StepState.Succeeded, detail);
  }

  /** A step that failed without failing the job (a failover's shutdown of its source). */
  public void failAndGoOn(S step, String detail) {
    finish(step, StepState.Failed, detail);
  }

  public void skip(S step, String reason) {
    Instant now = now();
    steps.put(step, new JobStep<>(step, step.title(), StepState.Skipped, now, now, reason));
  }

  /** Ends the job: a step still in progress ends with the job's outcome. */
  void end(JobState outcome, String code, String message) {
    state = outcome;
    endTime = now();
    jobMetrics().tagged(Map.of("outcome", outcome.name())).counter("reprotect_jobs").inc(1);
    errorCode = code;
    errorMessage = message;
    StepState stepOutcome = StepState.endingWith(outcome);
    for (JobStep<S> step : new ArrayList<>(steps.values())) {
      if (step.state() == StepState.InProgress) {
        finish(step.step(), stepOutcome, message == null ? step.detail() : message);
      }
    }
    Workflow.upsertTypedSearchAttributes(
        ReprotectSearchAttributes.REPROTECT_STEP.valueSet(outcome.name()));
    Workflow.setCurrentDetails(
        JobDetails.markdown(
            String.format(
                "**%s**: %s of %s in vault %s%s",
                outcome,
                operation,
                vm,
                vault,
                message == null ? "" : String.format("%n%n%s: %s", code, message)),
            snapshot()));
  }

  /**
   * What the backend metered across regions for the job, once it is known. Tagged {@code type} with
   * the job's type: the replication's cycles count in the same series as type {@code Replication},
   * and Prometheus wants one set of labels per name.
   */
  public void recordBytesSent(long bytesSentAcrossRegions) {
    Workflow.getMetricsScope()
        .tagged(Map.of("type", operation.name()))
        .counter("reprotect_bytes_sent_across_regions")
        .inc(bytesSentAcrossRegions);
  }

  /**
   * What the backend charged the job's calls, once it is known: bytes read and written by side
   * ({@code source} or {@code target}, with its region), bytes hashed, calls by operation (the
   * backend's method names: a fixed set), throttled calls, and the modelled time as a timer.
   * Bounded labels only: no VM, disk or blob.
   */
  public void recordMeters(CallerCosts costs, String sourceRegion, String targetRegion) {
    Scope job = jobMetrics();
    costs
        .bytesReadByRegion()
        .forEach(
            (region, bytes) ->
                sideOf(job, region, sourceRegion, targetRegion)
                    .counter("reprotect_backend_bytes_read")
                    .inc(bytes));
    costs
        .bytesWrittenByRegion()
        .forEach(
            (region, bytes) ->
                sideOf(job, region, sourceRegion, targetRegion)
                    .counter("reprotect_backend_bytes_written")
                    .inc(bytes));
    job.counter("reprotect_backend_bytes_hashed").inc(costs.bytesHashed());
    costs
        .callsByOperation()
        .forEach(
            (operation, calls) ->
                job.tagged(Map.of("operation", operation))
                    .counter("reprotect_backend_calls")
                    .inc(calls));
    job.counter("reprotect_backend_throttled_calls").inc(costs.throttledCalls());
    job.timer("reprotect_backend_modelled")
        .record(Duration.ofNanos((long) (costs.modelledSeconds() * 1e9)));
  }

  private static Scope sideOf(Scope job, String region, String sourceRegion, String targetRegion) {
    String side =
        region.equals(sourceRegion) ? "source" : region.equals(targetRegion) ? "target" : "other";
    return job.tagged(Map.of("side", side, "region", region));
  }

  public Job<S, P> snapshot() {
    return new Job<>(
        jobId,
        vault,
        vm,
        operation,
        state,
        startTime,
        endTime,
        List.copyOf(steps.values()),
        errorCode,
        errorMessage,
        planDigest,
        plan);
  }

  public long elapsedMillis() {
    return Workflow.currentTimeMillis() - startTime.toEpochMilli();
  }

  private void finish(S step, StepState outcome, String detail) {
    JobStep<S> current = steps.get(step);
    Instant end = now();
    steps.put(step, new JobStep<>(step, step.title(), outcome, current.startTime(), end, detail));
    jobMetrics()
        .tagged(Map.of("step", step.name(), "outcome", outcome.name()))
        .timer("reprotect_step_duration")
        .record(Duration.ofMillis(end.toEpochMilli() - current.startTime().toEpochMilli()));
  }

  private Scope jobMetrics() {
    return Workflow.getMetricsScope().tagged(Map.of("job_type", operation.name()));
  }

  private static Instant now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis());
  }
}
