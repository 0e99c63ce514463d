package dev.reprotect.worker.cli;

import dev.reprotect.activities.failover.FailoverPlan;
import dev.reprotect.workflows.failover.FailedOverDisk;
import dev.reprotect.workflows.failover.FailoverStep;
import dev.reprotect.workflows.failover.FailoverSummary;
import dev.reprotect.workflows.job.Job;
import dev.reprotect.workflows.job.JobStep;
import java.io.PrintStream;

/** The failover job and its summary, for people. */
final class FailoverFormat {
  private FailoverFormat() {}

  static void job(Job<FailoverStep, FailoverPlan> job, PrintStream out) {
    out.printf("Job %s (%s): %s%s%n", job.jobId(), job.operation(), job.state(),
        job.errorCode() == null ? "" : " (" + job.errorCode() + ": " + job.errorMessage() + ")");
    for (JobStep<FailoverStep> step : job.steps()) {
      out.printf("  %-11s %-38s %s%n", step.state(), step.title(), step.detail());
    }
  }

  static void summary(FailoverSummary s, PrintStream out) {
    out.printf("%s of %s (vault %s): %s, active in %s%n", s.operation(), s.vm(), s.vault(),
        s.state(), s.activeRegion());
    if (s.pointId() != null) {
      out.printf("  Recovery point %s (%s, %s)%n", s.pointId(), s.pointType(), s.pointTime());
    }
    if (s.sourceShutdown() != null) {
      out.println("  Source VM shutdown: " + s.sourceShutdown());
    }
    for (FailedOverDisk disk : s.disks()) {
      out.printf("  %-5s %s checksum %s, the point's %s: %s%n", disk.slot(), disk.disk(),
          abbreviated(disk.checksum()), abbreviated(disk.pointChecksum()),
          disk.checksum().equals(disk.pointChecksum()) ? "equal" : "DIFFERENT");
    }
    out.printf("  Took %.1f s%n", s.elapsedMillis() / 1000.0);
    if (s.meters() != null) {
      HumanFormat.meters(s.meters(), null, null, out);
    }
  }

  private static String abbreviated(String checksum) {
    return checksum == null ? "-" : checksum.substring(0, Math.min(12, checksum.length()));
  }
}
