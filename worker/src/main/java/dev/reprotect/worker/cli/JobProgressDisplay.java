package dev.reprotect.worker.cli;

import dev.reprotect.activities.SyncProgress;
import dev.reprotect.workflows.ByteSizes;
import dev.reprotect.workflows.reprotect.JobStep;
import dev.reprotect.workflows.reprotect.ReprotectJob;
import dev.reprotect.workflows.reprotect.ReprotectStep;
import dev.reprotect.workflows.reprotect.ReprotectSummary;
import dev.reprotect.workflows.reprotect.StepState;
import java.io.PrintStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Follows a running job for a person: a line per step as it ends, and during the initial sync a
 * progress bar of the blocks compared, with the bytes sent and the rate. Reads the job through its
 * query and the sync's progress from its activities' heartbeats: Temporal is the only source.
 */
final class JobProgressDisplay {
  private static final Duration POLL = Duration.ofMillis(250);
  private static final long MIB = 1 << 20;

  private final ReprotectJobs jobs;
  private final PrintStream out;

  JobProgressDisplay(ReprotectJobs jobs, PrintStream out) {
    this.jobs = jobs;
    this.out = out;
  }

  /**
   * Waits for the end of a job, showing its progress to people (not in JSON mode); returns its
   * summary, or throws what the job failed with.
   */
  static ReprotectSummary awaitEnd(ReprotectJobs jobs, String workflowId, Output output) {
    CompletableFuture<ReprotectSummary> result =
        CompletableFuture.supplyAsync(() -> jobs.await(workflowId));
    if (!output.json) {
      new JobProgressDisplay(jobs, output.out).follow(workflowId, result);
    }
    return Futures.join(result);
  }

  /** Shows the job until {@code done} completes. */
  void follow(String workflowId, CompletableFuture<?> done) {
    Set<ReprotectStep> reported = new HashSet<>();
    Map<String, SyncProgress> disks = new LinkedHashMap<>();
    ProgressBar bar = null;
    try {
      while (!done.isDone()) {
        ReprotectJob job = jobs.query(workflowId).orElse(null);
        if (job != null) {
          bar = show(job, reported, bar);
        }
        if (bar != null) {
          updateSync(workflowId, disks, bar);
        }
        try {
          done.get(POLL.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException stillRunning) {
          // poll again
        } catch (ExecutionException finished) {
          break;
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          break;
        }
      }
      jobs.query(workflowId).ifPresent(job -> show(job, reported, null));
    } finally {
      if (bar != null) {
        bar.close();
      }
    }
  }

  private ProgressBar show(ReprotectJob job, Set<ReprotectStep> reported, ProgressBar bar) {
    for (JobStep step : job.steps()) {
      boolean ended = step.state() != StepState.NotStarted && step.state() != StepState.InProgress;
      if (step.step() == ReprotectStep.InitialSync && step.state() == StepState.InProgress
          && bar == null) {
        out.println("  ..  " + step.title() + ": " + step.detail());
        bar = new ProgressBarBuilder()
            .setTaskName("Initial sync")
            .setUnit(" MiB", 1)
            .setInitialMax(0)
            .setStyle(ProgressBarStyle.ASCII)
            .showSpeed()
            .setUpdateIntervalMillis(250)
            .setConsumer(new ConsoleProgressBarConsumer(out))
            .build();
      }
      if (ended && reported.add(step.step())) {
        if (step.step() == ReprotectStep.InitialSync && bar != null) {
          bar.close();
        }
        out.printf("  %-4s %s: %s%n", mark(step.state()), step.title(), step.detail());
      }
    }
    return bar;
  }

  private void updateSync(String workflowId, Map<String, SyncProgress> disks, ProgressBar bar) {
    List<DiskProgress> pending = jobs.syncProgress(workflowId);
    Set<String> running = new HashSet<>();
    for (DiskProgress disk : pending) {
      disks.put(disk.activityId(), disk.progress());
      running.add(disk.activityId());
    }
    // A disk no longer pending has finished its sync.
    Map<String, SyncProgress> finished = new HashMap<>();
    disks.forEach((id, progress) -> {
      if (!running.contains(id)) {
        finished.put(id, progress.completed());
      }
    });
    disks.putAll(finished);
    long total = disks.values().stream().mapToLong(SyncProgress::totalBytes).sum();
    long compared = disks.values().stream().mapToLong(SyncProgress::bytesCompared).sum();
    long sent = disks.values().stream().mapToLong(SyncProgress::bytesTransferred).sum();
    bar.maxHint(total / MIB);
    bar.stepTo(compared / MIB);
    bar.setExtraMessage(" compared, " + ByteSizes.format(sent) + " sent");
  }

  private static String mark(StepState state) {
    return switch (state) {
      case Succeeded -> "ok";
      case Skipped -> "skip";
      case Failed -> "FAIL";
      case Cancelled -> "stop";
      default -> "..";
    };
  }
}
