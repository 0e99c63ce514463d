package dev.reprotect.worker.render;

import dev.reprotect.workflows.failover.FailedOverDisk;
import dev.reprotect.workflows.failover.FailoverSummary;
import java.io.PrintStream;

/** The summary of a failover job, for people; its steps are ItemJobSteps'. */
public final class FailoverFormat {
  private FailoverFormat() {}

  public static void summary(FailoverSummary s, PrintStream out) {
    out.printf(
        "%s of %s (vault %s): %s, active in %s%n",
        s.operation(), s.vm(), s.vault(), s.state(), s.activeRegion());
    if (s.pointId() != null) {
      out.printf("  Recovery point %s (%s, %s)%n", s.pointId(), s.pointType(), s.pointTime());
    }
    if (s.sourceShutdown() != null) {
      out.println("  Source VM shutdown: " + s.sourceShutdown());
    }
    for (FailedOverDisk disk : s.disks()) {
      out.printf(
          "  %-5s %s checksum %s, the point's %s: %s%n",
          disk.slot(),
          disk.disk(),
          abbreviated(disk.checksum()),
          abbreviated(disk.pointChecksum()),
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
