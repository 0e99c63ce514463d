package dev.reprotect.workflows.reprotect;

import java.time.Instant;
import java.util.List;

/** The reprotect job of one VM, as the query and a failed workflow's details report it. */
public record ReprotectJob(
    String jobId,
    String vault,
    String vm,
    JobState state,
    Instant startTime,
    Instant endTime,
    List<JobStep> steps,
    String errorCode,
    String errorMessage) {

  public ReprotectJob {
    steps = List.copyOf(steps);
  }
}
