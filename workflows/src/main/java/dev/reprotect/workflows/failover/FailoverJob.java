package dev.reprotect.workflows.failover;

import dev.reprotect.activities.failover.FailoverPlan;
import dev.reprotect.azure.ItemLifecycle;
import dev.reprotect.workflows.reprotect.JobState;
import java.time.Instant;
import java.util.List;

/**
 * A failover, change of point or commit job ({@code operation}), as the query and a failed
 * workflow's details report it; {@code plan} is null until the check passed.
 */
public record FailoverJob(
    String jobId,
    String vault,
    String vm,
    ItemLifecycle operation,
    JobState state,
    Instant startTime,
    Instant endTime,
    List<FailoverJobStep> steps,
    String errorCode,
    String errorMessage,
    FailoverPlan plan) {
  public FailoverJob {
    steps = List.copyOf(steps);
  }
}
