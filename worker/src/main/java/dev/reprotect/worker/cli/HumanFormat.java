package dev.reprotect.worker.cli;

import static dev.reprotect.workflows.ByteSizes.format;

import dev.reprotect.activities.PlannedArtefact;
import dev.reprotect.activities.PlannedDisk;
import dev.reprotect.activities.ReprotectPlan;
import dev.reprotect.workflows.reprotect.ArtefactSummary;
import dev.reprotect.workflows.reprotect.DiskSummary;
import dev.reprotect.workflows.reprotect.JobStep;
import dev.reprotect.workflows.reprotect.ReprotectJob;
import dev.reprotect.workflows.reprotect.ReprotectSummary;
import java.io.PrintStream;
import java.util.Locale;

/** The CLI's output for people; {@link Json} is the one for scripts. */
final class HumanFormat {
  private HumanFormat() {}

  static void summary(ReprotectSummary s, PrintStream out) {
    out.printf("%n%s of vault %s is %s: replicating %s -> %s%n%n", s.vm(), s.vault(), s.state(),
        s.sourceRegion(), s.targetRegion());
    out.println("Artefacts");
    for (ArtefactSummary a : s.artefacts()) {
      out.printf("  %-8s %-24s %-26s %s%n", a.action(), a.role(), a.name(), a.region());
    }
    out.printf("%nDisks%n  %-18s %10s %10s %10s %10s  %s%n", "name", "size", "allocated",
        "seeded", "sent", "checksums (source = replica)");
    long allocated = 0;
    long sent = 0;
    for (DiskSummary d : s.disks()) {
      allocated += d.allocatedBytes();
      sent += d.bytesTransferred();
      boolean equal = d.sourceChecksum().equals(d.targetChecksum());
      out.printf("  %-18s %10s %10s %10s %10s  %s %s%n", d.name(), format(d.sizeBytes()),
          format(d.allocatedBytes()), format(d.seedBytesCopied()), format(d.bytesTransferred()),
          equal ? "equal" : "DIFFERENT", d.sourceChecksum().substring(0, 12));
    }
    out.printf(Locale.ROOT, "%nSent across regions: %s for %s of data (%.1f%%). "
            + "Recovery points: %d. Duration: %.1f s.%n", format(sent), format(allocated),
        allocated == 0 ? 0.0 : 100.0 * sent / allocated, s.recoveryPoints(),
        s.durationMs() / 1000.0);
  }

  static void plan(ReprotectPlan p, PrintStream out) {
    out.printf("Reprotect of %s (vault %s): %s -> %s%n%n", p.vm(), p.vault(), p.sourceRegion(),
        p.targetRegion());
    out.println("Artefacts");
    for (PlannedArtefact a : p.artefacts()) {
      out.printf("  %-24s %-26s %-14s %s%n", a.role(), a.name(), a.region(),
          a.exists() ? "existing" : "(new)");
    }
    out.printf("%nTarget VM: %s%n", p.targetVm() == null
        ? "none in " + p.targetRegion() + " (steps 2 to 4 are skipped)"
        : p.targetVm().name() + " in " + p.targetVm().resourceGroup() + ", "
            + p.targetVm().powerState() + " (it is stopped, seeded from, then deleted)");
    out.println();
    out.println("Disks");
    for (PlannedDisk d : p.disks()) {
      String seed = d.replicaExists() ? "replica of an earlier run, synced as it is"
          : d.targetDisk() != null ? "seeded from " + d.targetDisk()
          : "full copy";
      out.printf("  %-18s %10s  -> %s (%s)%n", d.name(), format(d.sizeBytes()), d.replica(), seed);
    }
  }

  static void job(ReprotectJob job, PrintStream out) {
    out.printf("Job %s: %s%s%n", job.jobId(), job.state(),
        job.errorCode() == null ? "" : " (" + job.errorCode() + ": " + job.errorMessage() + ")");
    for (JobStep step : job.steps()) {
      out.printf("  %-11s %-38s %s%n", step.state(), step.title(), step.detail());
    }
  }

  static void error(CliError error, PrintStream err) {
    err.printf("error %s: %s%n", error.code(), error.message());
  }
}
