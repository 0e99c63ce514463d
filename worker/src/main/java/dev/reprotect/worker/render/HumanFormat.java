package dev.reprotect.worker.render;

import static dev.reprotect.workflows.ByteSizes.format;

import dev.reprotect.activities.PlanDigest;
import dev.reprotect.activities.PlannedArtefact;
import dev.reprotect.activities.PlannedDisk;
import dev.reprotect.activities.ProtectionPlan;
import dev.reprotect.azure.CallerCosts;
import dev.reprotect.azure.ScrubRecord;
import dev.reprotect.worker.client.CliError;
import dev.reprotect.worker.client.PublishedReplication;
import dev.reprotect.workflows.job.Job;
import dev.reprotect.workflows.job.JobStep;
import dev.reprotect.workflows.replication.ReplicationCycle;
import dev.reprotect.workflows.replication.ReplicationError;
import dev.reprotect.workflows.replication.ReplicationStatus;
import dev.reprotect.workflows.reprotect.ArtefactSummary;
import dev.reprotect.workflows.reprotect.DiskSummary;
import dev.reprotect.workflows.reprotect.ProtectionStep;
import dev.reprotect.workflows.reprotect.ProtectionSummary;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The CLI's output for people; {@link Json} is the one for scripts. */
public final class HumanFormat {
  private HumanFormat() {}

  public static void summary(ProtectionSummary s, PrintStream out) {
    out.printf(
        "%n%s of vault %s is %s: replicating %s -> %s%n%n",
        s.vm(), s.vault(), s.state(), s.sourceRegion(), s.targetRegion());
    if (s.planDigest() != null) {
      out.printf("Plan %s%n%n", s.planDigest());
    }
    out.println("Artefacts");
    for (ArtefactSummary a : s.artefacts()) {
      out.printf("  %-8s %-24s %-26s %s%n", a.action(), a.role(), a.name(), a.region());
    }
    out.printf(
        "%nDisks%n  %-18s %10s %10s %10s %10s  %s%n",
        "name", "size", "allocated", "seeded", "sent", "checksums (source = replica)");
    long counted = 0;
    long allocated = 0;
    for (DiskSummary d : s.disks()) {
      counted += d.bytesTransferred();
      allocated += d.allocatedBytes();
      boolean equal = d.sourceChecksum().equals(d.targetChecksum());
      out.printf(
          "  %-18s %10s %10s %10s %10s  %s %s%n",
          d.name(),
          format(d.sizeBytes()),
          format(d.allocatedBytes()),
          format(d.seedBytesCopied()),
          format(d.bytesTransferred()),
          equal ? "equal" : "DIFFERENT",
          d.sourceChecksum().substring(0, 12));
      if (d.syncKind() != null) {
        out.printf("  %-18s %s%s%n", "", d.syncKind(), syncFigures(d));
      }
    }
    // The meter counts at least what the syncs counted: no meter figure with bytes synced is the
    // result of a job that ended before the meter was read.
    boolean metered = s.bytesSentAcrossRegions() > 0 || counted == 0;
    long sent = metered ? s.bytesSentAcrossRegions() : counted;
    out.printf(
        Locale.ROOT,
        "%nSent across regions: %s%s for %s of data (%.1f%%). "
            + "Recovery points: %d. Duration: %.1f s.%n",
        format(sent),
        metered ? "" : " (as the syncs counted: this job ended before the meter was read)",
        format(allocated),
        allocated == 0 ? 0.0 : 100.0 * sent / allocated,
        s.recoveryPoints(),
        s.durationMs() / 1000.0);
    if (s.meters() != null) {
      meters(s.meters(), s.sourceRegion(), s.targetRegion(), out);
    }
  }

  /**
   * What the backend charged the job, region by region: the source's and the target's first when
   * they are known (null otherwise), then any other; reads, writes, calls, modelled time.
   */
  static void meters(CallerCosts m, String sourceRegion, String targetRegion, PrintStream out) {
    out.printf(
        "%nMetered by the backend%n  %-8s %-16s %10s %10s%n", "side", "region", "read", "written");
    Set<String> regions = new LinkedHashSet<>();
    Stream.of(sourceRegion, targetRegion).filter(Objects::nonNull).forEach(regions::add);
    Stream.concat(
            m.bytesReadByRegion().keySet().stream(), m.bytesWrittenByRegion().keySet().stream())
        .sorted()
        .forEach(regions::add);
    for (String region : regions) {
      String side =
          region.equals(sourceRegion) ? "source" : region.equals(targetRegion) ? "target" : "-";
      out.printf(
          "  %-8s %-16s %10s %10s%n",
          side, region, format(m.bytesReadIn(region)), format(m.bytesWrittenIn(region)));
    }
    out.printf(
        Locale.ROOT,
        "  Hashed %s; %d calls (%s); %d throttled; %.1f s modelled.%n",
        format(m.bytesHashed()),
        m.calls(),
        m.callsByOperation().entrySet().stream()
            .sorted(Map.Entry.comparingByKey())
            .map(calls -> calls.getKey() + " " + calls.getValue())
            .collect(Collectors.joining(", ")),
        m.throttledCalls(),
        m.modelledSeconds());
  }

  public static void plan(ProtectionPlan p, PrintStream out) {
    out.printf(
        "Reprotect of %s (vault %s): %s -> %s%n%n",
        p.vm(), p.vault(), p.sourceRegion(), p.targetRegion());
    out.println("Artefacts");
    for (PlannedArtefact a : p.artefacts()) {
      out.printf(
          "  %-24s %-26s %-14s %s%n",
          a.role(), a.name(), a.region(), a.exists() ? "existing" : "(new)");
    }
    out.printf(
        "%nTarget VM: %s%n",
        p.targetVm() == null
            ? "none in " + p.targetRegion() + " (steps 2 to 4 are skipped)"
            : p.targetVm().name()
                + " in "
                + p.targetVm().resourceGroup()
                + ", "
                + p.targetVm().powerState()
                + " (it is stopped, seeded from, then deleted)");
    out.println();
    out.println("Disks");
    for (PlannedDisk d : p.disks()) {
      String seed =
          d.replicaExists()
              ? "replica of an earlier run, synced as it is"
              : d.targetDisk() != null ? "seeded from " + d.targetDisk() : "full copy";
      out.printf("  %-18s %10s  -> %s (%s)%n", d.name(), format(d.sizeBytes()), d.replica(), seed);
      if (d.sync() != null) {
        out.printf("  %-18s sync: %s%n", "", d.sync().describe());
      }
    }
  }

  /** Why a disk was synced as it was, and what its changed-block sync read on each side. */
  private static String syncFigures(DiskSummary d) {
    String why = d.reason() == null ? "" : " (" + d.reason() + ")";
    if (d.meters() == null) {
      return why;
    }
    return String.format(
        "%s: %s changed since the failover, read %s on the source and %s on the replica, "
            + "sent %s",
        why,
        format(d.bytesChanged()),
        format(d.meters().bytesReadOnSource()),
        format(d.meters().bytesReadOnReplica()),
        format(d.meters().bytesSent()));
  }

  public static void job(Job<ProtectionStep, ProtectionPlan> job, PrintStream out) {
    out.printf(
        "Job %s: %s%s%n",
        job.jobId(),
        job.state(),
        job.errorCode() == null ? "" : " (" + job.errorCode() + ": " + job.errorMessage() + ")");
    if (job.plan() != null) {
      out.println("  " + planEssentials(job.plan(), job.planDigest()));
    }
    for (JobStep<ProtectionStep> step : job.steps()) {
      out.printf("  %-11s %-38s %s%n", step.state(), step.title(), step.detail());
    }
  }

  /** What a job runs, on one line: the plan's digest, direction, artefacts, target VM, disks. */
  static String planEssentials(ProtectionPlan p, String digest) {
    StringBuilder line =
        new StringBuilder(
            String.format(
                "Plan %s: %s -> %s;",
                PlanDigest.shortForm(digest), p.sourceRegion(), p.targetRegion()));
    for (PlannedArtefact a : p.artefacts()) {
      line.append(String.format(" %s %s%s,", a.role(), a.name(), a.exists() ? "" : " (new)"));
    }
    line.append(
        p.targetVm() == null
            ? " no target VM"
            : String.format(" target VM %s %s", p.targetVm().name(), p.targetVm().powerState()));
    return line.append(String.format("; %d disks", p.disks().size())).toString();
  }

  /**
   * The jobs of {@code reprotect list}, one a line, in columns as wide as their widest value. A job
   * refused before its plan has no direction: it shows as "-".
   */
  public static void jobs(List<ListedJob> jobs, PrintStream out) {
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("WORKFLOW ID", "TYPE", "STATUS", "STARTED", "DIRECTION", "STEP"));
    for (ListedJob job : jobs) {
      rows.add(
          List.of(
              job.workflowId(),
              job.type(),
              job.status(),
              orDash(job.startTime()),
              job.sourceRegion() == null || job.targetRegion() == null
                  ? "-"
                  : job.sourceRegion() + " -> " + job.targetRegion(),
              orDash(job.step())));
    }
    int[] widths = new int[rows.get(0).size()];
    for (List<String> row : rows) {
      for (int column = 0; column < widths.length; column++) {
        widths[column] = Math.max(widths[column], row.get(column).length());
      }
    }
    for (List<String> row : rows) {
      StringBuilder line = new StringBuilder();
      for (int column = 0; column < widths.length - 1; column++) {
        line.append(String.format("%-" + widths[column] + "s  ", row.get(column)));
      }
      out.println(line.append(row.get(widths.length - 1)));
    }
  }

  private static String orDash(Object value) {
    return value == null ? "-" : value.toString();
  }

  public static void replication(ReplicationStatus r, PrintStream out) {
    out.printf(
        "%s of vault %s: %s, %s, RPO %s; %d cycles run, %d recovery points%n",
        r.vm(),
        r.vault(),
        r.state(),
        r.health(),
        r.rpoSeconds() == null ? "none (no point)" : age(r.rpoSeconds()),
        r.cyclesRun(),
        r.points().size());
    ReplicationCycle last = r.lastCycle();
    out.println("Last cycle: " + (last == null ? "none yet" : cycle(last)));
    ScrubRecord scrub = r.lastScrub();
    out.println(
        "Last scrub: "
            + (scrub == null
                ? "none yet"
                : String.format(
                    "%s at %s, point %s, %s compared, %d blocks repaired: %s",
                    scrub.outcome(),
                    scrub.time(),
                    scrub.pointId(),
                    format(scrub.bytesCompared()),
                    scrub.blocksRepaired(),
                    scrub.detail())));
    if (!r.recentCycles().isEmpty()) {
      out.printf(
          "%nRecent cycles%n  %5s %-20s %8s %8s %10s %10s %8s  %s%n",
          "cycle",
          "started",
          "duration",
          "blocks",
          "staged",
          "shipped",
          "repaired",
          "point or error");
      for (ReplicationCycle c : r.recentCycles()) {
        out.printf(
            Locale.ROOT,
            "  %5d %-20s %7.1fs %8d %10s %10s %8d  %s%n",
            c.number(),
            c.startTime(),
            seconds(c),
            c.blocksChanged(),
            format(c.bytesStaged()),
            format(c.bytesShipped()),
            c.blocksRepaired(),
            c.succeeded() ? c.pointId() + note(c) : "FAILED " + c.error());
      }
    }
    ReplicationError e = r.lastError();
    if (e != null) {
      out.printf(
          "%nLast error: cycle %d at %s, %s: %s: %s%n",
          e.cycle(), e.time(), e.activity(), e.type(), e.message());
    }
  }

  /** A running replication that no worker answers for, from what it published. */
  public static void published(String vm, String vault, PublishedReplication p, PrintStream out) {
    out.printf(
        "%s of vault %s: %s, RPO %s (newest point %s)%n%s%n",
        vm,
        vault,
        p.health(),
        p.rpoSeconds() == null ? "none (no point)" : age(p.rpoSeconds()),
        p.lastRecoveryPointTime() == null ? "none" : p.lastRecoveryPointTime(),
        p.note());
  }

  /** One cycle on a line: what it changed and shipped, its point, how long it took. */
  static String cycle(ReplicationCycle c) {
    return c.succeeded()
        ? String.format(
            Locale.ROOT,
            "#%d: %d blocks changed, %s shipped, point %s, %.1f s%s",
            c.number(),
            c.blocksChanged(),
            format(c.bytesShipped()),
            c.pointId(),
            seconds(c),
            note(c))
        : String.format(
            Locale.ROOT, "#%d FAILED after %.1f s: %s", c.number(), seconds(c), c.error());
  }

  /**
   * What a cycle that made a point should be known for (a quiesce not acknowledged, a changed disk
   * set with its code), if any.
   */
  private static String note(ReplicationCycle c) {
    String code = c.warningCode() == null ? "" : c.warningCode() + ": ";
    return c.note() == null ? "" : " (" + code + c.note() + ")";
  }

  public static void recoveryPoints(List<ListedPoint> points, PrintStream out) {
    out.printf("  %-28s %-20s %-16s %-28s %s%n", "id", "time", "type", "cut", "age");
    for (ListedPoint p : points) {
      out.printf(
          "  %-28s %-20s %-16s %-28s %s%n",
          p.id(), p.time(), p.type(), p.cutId(), age(p.ageSeconds()));
    }
  }

  /** 42 s, 5 min 3 s, 2 h 10 min: a duration as people read an age. */
  public static String age(long seconds) {
    Duration d = Duration.ofSeconds(Math.max(0, seconds));
    if (d.toMinutes() == 0) {
      return d.toSeconds() + " s";
    }
    if (d.toHours() == 0) {
      return d.toMinutes() + " min " + d.toSecondsPart() + " s";
    }
    return d.toHours() + " h " + d.toMinutesPart() + " min";
  }

  private static double seconds(ReplicationCycle c) {
    return Duration.between(c.startTime(), c.endTime()).toMillis() / 1000.0;
  }

  public static void error(CliError error, PrintStream err) {
    err.printf("error %s: %s%n", error.code(), error.message());
  }
}
