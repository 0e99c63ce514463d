package dev.reprotect.worker.render;

import dev.reprotect.activities.Futures;
import dev.reprotect.activities.ProtectionPlan;
import dev.reprotect.activities.SyncProgress;
import dev.reprotect.worker.client.DiskProgress;
import dev.reprotect.worker.client.JobsClient;
import dev.reprotect.workflows.ByteSizes;
import dev.reprotect.workflows.job.Job;
import dev.reprotect.workflows.job.JobStep;
import dev.reprotect.workflows.job.StepState;
import dev.reprotect.workflows.reprotect.ProtectionStep;
import dev.reprotect.workflows.reprotect.ProtectionSummary;
import java.io.PrintStream;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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
public final class JobProgressDisplay {
  private static final Duration POLL = Duration.ofMillis(250);
  private static final long MIB = 1 << 20;

  private final JobsClient jobs;
  private final PrintStream out;

  JobProgressDisplay(JobsClient jobs, PrintStream out) {
    this.jobs = jobs;
    this.out = out;
  }

  /**
   * Waits for the end of a job, showing its progress to people on {@code out} when {@code show}
   * (not in JSON mode); returns its summary, or throws what the job failed with.
   */
  public static ProtectionSummary awaitEnd(
      JobsClient jobs, String workflowId, boolean show, PrintStream out) {
    CompletableFuture<ProtectionSummary> result =
        CompletableFuture.supplyAsync(() -> jobs.await(workflowId));
    if (show) {
      new JobProgressDisplay(jobs, out).follow(workflowId, result);
    }
    return Futures.join(result);
  }

  /** Shows the job until {@code done} completes. */
  void follow(String workflowId, CompletableFuture<?> done) {
    Set<ProtectionStep> reported = new HashSet<>();
    SyncTotals totals = new SyncTotals();
    SyncView view = null;
    try {
      while (true) {
        boolean finished = done.isDone();
        Job<ProtectionStep, ProtectionPlan> job = jobs.query(workflowId).orElse(null);
        if (job != null) {
          if (view != null) {
            totals.update(jobs.syncProgress(workflowId));
            view.show(totals);
          }
          for (JobStep<ProtectionStep> step : job.steps()) {
            boolean ended =
                step.state() != StepState.NotStarted && step.state() != StepState.InProgress;
            if (ended && reported.add(step.step())) {
              if (step.step() == ProtectionStep.InitialSync && view != null) {
                view.close();
                view = null;
              }
              out.printf("  %-4s %s: %s%n", mark(step.state()), step.title(), step.detail());
            }
          }
          if (view == null
              && !reported.contains(ProtectionStep.InitialSync)
              && stateOf(job, ProtectionStep.InitialSync) == StepState.InProgress) {
            out.println(
                "  ..  "
                    + ProtectionStep.InitialSync.title()
                    + ": "
                    + detailOf(job, ProtectionStep.InitialSync));
            view = System.console() != null ? new BarView(out) : new LineView(out);
          }
        }
        if (finished || !waitFor(done)) {
          return;
        }
      }
    } finally {
      if (view != null) {
        view.close();
      }
    }
  }

  /** Waits one poll interval for the job's end; false if the wait was interrupted. */
  static boolean waitFor(CompletableFuture<?> done) {
    try {
      done.get(POLL.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException | ExecutionException pollAgain) {
      return true;
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static StepState stateOf(Job<ProtectionStep, ProtectionPlan> job, ProtectionStep step) {
    return job.steps().get(step.ordinal()).state();
  }

  private static String detailOf(Job<ProtectionStep, ProtectionPlan> job, ProtectionStep step) {
    return job.steps().get(step.ordinal()).detail();
  }

  static String mark(StepState state) {
    return switch (state) {
      case Succeeded -> "ok";
      case Skipped -> "skip";
      case Failed -> "FAIL";
      case Cancelled -> "stop";
      default -> "..";
    };
  }

  /** The sync's progress over every disk, from the heartbeats of their activities. */
  static final class SyncTotals {
    private final Map<String, SyncProgress> disks = new LinkedHashMap<>();

    void update(List<DiskProgress> pending) {
      Set<String> running = new HashSet<>();
      for (DiskProgress disk : pending) {
        disks.put(disk.activityId(), disk.progress());
        running.add(disk.activityId());
      }
      // A disk no longer pending has finished its sync.
      disks.replaceAll((id, progress) -> running.contains(id) ? progress : progress.completed());
    }

    long totalBytes() {
      return disks.values().stream().mapToLong(SyncProgress::totalBytes).sum();
    }

    long comparedBytes() {
      return disks.values().stream().mapToLong(SyncProgress::bytesCompared).sum();
    }

    long sentBytes() {
      return disks.values().stream().mapToLong(SyncProgress::bytesTransferred).sum();
    }
  }

  private interface SyncView extends AutoCloseable {
    void show(SyncTotals totals);

    @Override
    void close();
  }

  /** On a terminal: a progress bar that redraws itself. */
  private static final class BarView implements SyncView {
    private final ProgressBar bar;

    BarView(PrintStream out) {
      bar =
          new ProgressBarBuilder()
              .setTaskName("Initial sync")
              .setUnit(" MiB", 1)
              .setInitialMax(0)
              .setStyle(ProgressBarStyle.ASCII)
              .setMaxRenderedLength(110)
              .showSpeed()
              .setUpdateIntervalMillis((int) POLL.toMillis())
              .setConsumer(new ConsoleProgressBarConsumer(out))
              .build();
    }

    @Override
    public void show(SyncTotals totals) {
      bar.maxHint(totals.totalBytes() / MIB);
      bar.stepTo(totals.comparedBytes() / MIB);
      bar.setExtraMessage("sent " + ByteSizes.format(totals.sentBytes()));
    }

    @Override
    public void close() {
      bar.close();
    }
  }

  /** Into a file or a pipe: a plain line every few seconds, since nothing can be redrawn. */
  private static final class LineView implements SyncView {
    private static final long EVERY_NANOS = Duration.ofSeconds(2).toNanos();

    private final PrintStream out;
    private final long start = System.nanoTime();
    private long lastLine = start;

    LineView(PrintStream out) {
      this.out = out;
    }

    @Override
    public void show(SyncTotals totals) {
      long now = System.nanoTime();
      if (now - lastLine < EVERY_NANOS || totals.totalBytes() == 0) {
        return;
      }
      lastLine = now;
      double seconds = (now - start) / 1e9;
      out.printf(
          Locale.ROOT,
          "      %.0f%% compared (%s of %s), %s sent, %s/s%n",
          100.0 * totals.comparedBytes() / totals.totalBytes(),
          ByteSizes.format(totals.comparedBytes()),
          ByteSizes.format(totals.totalBytes()),
          ByteSizes.format(totals.sentBytes()),
          ByteSizes.format((long) (totals.comparedBytes() / seconds)));
    }

    @Override
    public void close() {}
  }
}
