package dev.reprotect.worker.cli;

import dev.reprotect.activities.failover.FailoverRequest;
import dev.reprotect.worker.client.FailoverJobs;
import dev.reprotect.worker.render.FailoverFormat;
import dev.reprotect.worker.render.ItemJobSteps;
import dev.reprotect.worker.render.Json;
import dev.reprotect.workflows.failover.FailoverSummary;
import java.util.concurrent.CompletableFuture;

/** Follows a failover job for a person: a line per step as it ends, as `start --wait` does. */
final class FailoverProgress {
  private FailoverProgress() {}

  /**
   * Starts the job; with {@code wait}, follows it to its end and prints its summary, else says how
   * to follow it. Returns the exit status.
   */
  static int start(FailoverJobs jobs, FailoverRequest request, boolean wait, Output output) {
    String workflowId = jobs.start(request);
    if (!wait) {
      return output.started(
          workflowId, request.vm() + " --vault " + request.vault() + " --failover");
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
    return ItemJobSteps.follow(
        CompletableFuture.supplyAsync(() -> jobs.await(workflowId)),
        () -> jobs.query(workflowId),
        !output.json,
        output.out);
  }
}
