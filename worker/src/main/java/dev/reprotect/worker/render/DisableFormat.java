package dev.reprotect.worker.render;

import dev.reprotect.workflows.disable.DisableSummary;
import java.io.PrintStream;

/** The summary of a disable, for people. */
public final class DisableFormat {
  private DisableFormat() {}

  public static void summary(DisableSummary s, PrintStream out) {
    out.printf("%s is no longer protected (vault %s)%n", s.vm(), s.vault());
    out.println("  Replication: " + s.replication());
    out.printf(
        "  Deleted: %d recovery points, %d cut snapshots, %d replicas, %d staging blobs%n",
        s.recoveryPoints(), s.cutSnapshots(), s.replicas(), s.stagingBlobs());
    s.resourcesDeleted().forEach(id -> out.println("  Deleted " + id));
    s.resourcesKept().forEach(kept -> out.println("  Kept " + kept));
    out.printf("  Took %.1f s%n", s.elapsedMillis() / 1000.0);
  }
}
