package dev.reprotect.worker.cli;

import dev.reprotect.activities.Futures;
import dev.reprotect.activities.failover.FailoverPlan;
import dev.reprotect.activities.failover.FailoverRequest;
import dev.reprotect.workflows.failover.FailoverStep;
import dev.reprotect.workflows.failover.FailoverSummary;
import dev.reprotect.workflows.job.Job;
import dev.reprotect.workflows.job.JobStep;
import dev.reprotect.workflows.job.StepState;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/** Follows a failover job for a person: a line per step as it ends, as `start --wait` does. */
final class FailoverProgress {
  private FailoverProgress() {}

  /**
   * Starts the job; with {@code wait}, follows it to its end and prints its summary, else says
   * how to follow it. Returns the exit status.
   */
  static int start(FailoverJobs jobs, FailoverRequest request, boolean wait, Output output) {
    String workflowId = jobs.start(request);
    if (!wait) {
      output.out.println(output.json
          ? Json.write(Map.of("workflowId", workflowId, "status", "RUNNING"))
          : "Started " + workflowId + ". Follow it with: reprotect status " + request.vm()
              + " --vault " + request.vault() + " --failover");
      return ExitCodes.OK;
    }
    if (!output.json) {
      output.out.println("Started " + workflowId);
    }
    FailoverSummary summary = awaitEnd(jobs, workflowId, output);
    if (output.json) {
      output.out.println(Json.write(summary));
    } else {
      FailoverFormat.summary(summary, output.out);
    }
    return ExitCodes.OK;
  }

  /** Waits for the job's end, showing its steps (not in JSON mode); returns its summary. */
  static FailoverSummary awaitEnd(FailoverJobs jobs, String workflowId, Output output) {
    CompletableFuture<FailoverSummary> result =
        CompletableFuture.supplyAsync(() -> jobs.await(workflowId));
    if (!output.json) {
      Set<FailoverStep> reported = new HashSet<>();
      boolean finished;
      do {
        finished = result.isDone();
        jobs.query(workflowId).ifPresent(job -> report(job, reported, output));
      } while (!finished && JobProgressDisplay.waitFor(result));
    }
    return Futures.join(result);
  }

  private static void report(Job<FailoverStep, FailoverPlan> job, Set<FailoverStep> reported,
      Output output) {
    for (JobStep<FailoverStep> step : job.steps()) {
      boolean ended = step.state() != StepState.NotStarted && step.state() != StepState.InProgress;
      if (ended && reported.add(step.step())) {
        output.out.printf("  %-4s %s: %s%n", JobProgressDisplay.mark(step.state()), step.title(),
            step.detail());
      }
    }
  }
}
