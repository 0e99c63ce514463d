package dev.reprotect.worker.render;

import dev.reprotect.activities.Futures;
import dev.reprotect.workflows.job.Job;
import dev.reprotect.workflows.job.JobStep;
import dev.reprotect.workflows.job.Step;
import dev.reprotect.workflows.job.StepState;
import java.io.PrintStream;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/** The steps of a job on an item, for people: as they end, and as a table. */
public final class ItemJobSteps {
  private ItemJobSteps() {}

  /**
   * Waits for {@code result}, printing on {@code out} a line per step of the job as it ends when
   * {@code show} (not in JSON mode), from {@code query}; returns the result, or throws what the job
   * failed with.
   */
  public static <S extends Enum<S> & Step, R> R follow(
      CompletableFuture<R> result,
      Supplier<? extends Optional<? extends Job<S, ?>>> query,
      boolean show,
      PrintStream out) {
    if (show) {
      Set<S> reported = new HashSet<>();
      boolean finished;
      do {
        finished = result.isDone();
        query.get().ifPresent(job -> report(job, reported, out));
      } while (!finished && JobProgressDisplay.waitFor(result));
    }
    return Futures.join(result);
  }

  /** The job's state and every step's, with its detail. */
  public static void table(Job<?, ?> job, PrintStream out) {
    out.printf(
        "Job %s (%s): %s%s%n",
        job.jobId(),
        job.operation(),
        job.state(),
        job.errorCode() == null ? "" : " (" + job.errorCode() + ": " + job.errorMessage() + ")");
    for (JobStep<?> step : job.steps()) {
      out.printf("  %-11s %-38s %s%n", step.state(), step.title(), step.detail());
    }
  }

  private static <S extends Enum<S> & Step> void report(
      Job<S, ?> job, Set<S> reported, PrintStream out) {
    for (JobStep<S> step : job.steps()) {
      boolean ended = step.state() != StepState.NotStarted && step.state() != StepState.InProgress;
      if (ended && reported.add(step.step())) {
        out.printf(
            "  %-4s %s: %s%n", JobProgressDisplay.mark(step.state()), step.title(), step.detail());
      }
    }
  }
}
