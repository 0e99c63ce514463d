package dev.reprotect.workflows.reprotect;

import dev.reprotect.activities.ReprotectPlan;
import java.time.Instant;
import java.util.List;

/**
 * The reprotect job of one VM, as the query and a failed workflow's details report it. {@code
 * plan} is the plan the job runs and {@code planDigest} its digest (both null until the
 * prerequisites passed, and in jobs recorded before the plan was).
 */
public record ReprotectJob(
    String jobId,
    String vault,
    String vm,
    JobState state,
    Instant startTime,
    Instant endTime,
    List<JobStep> steps,
    String errorCode,
    String errorMessage,
    String planDigest,
    ReprotectPlan plan) {

  public ReprotectJob {
    steps = List.copyOf(steps);
  }
}
