package dev.reprotect.worker.demo;

import static dev.reprotect.workflows.ByteSizes.format;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The round trip's human lines: one per hop, then the inventories and the verdict. */
public final class RoundTripFormat {
  private RoundTripFormat() {}

  public static String hop(RoundTripHop hop) {
    String checksums =
        hop.checksums().isEmpty()
            ? "no disks to compare"
            : hop.checksums().size()
                + " disks "
                + (hop.checksumsEqual()
                    ? "equal"
                    : "DIFFER: "
                        + hop.checksums().stream()
                            .filter(d -> !d.equal())
                            .map(RoundTripHop.DiskComparison::disk)
                            .toList());
    String sync =
        hop.sync() == null
            ? ""
            : String.format(
                "%n  %-20s %s: the job read %s on the source, %s on the target (seeds included)%s",
                "",
                hop.sync().kind(),
                format(hop.sync().bytesReadOnSource()),
                format(hop.sync().bytesReadOnTarget()),
                hop.sync().kind().contains("changed-blocks")
                    ? String.format(
                        "; its changed-block syncs read %s and sent %s for %s changed since the"
                            + " failover",
                        format(hop.sync().changedBlockSyncsRead()),
                        format(hop.sync().changedBlockSyncsSent()),
                        format(hop.sync().bytesChanged()))
                    : "");
    return String.format(
        Locale.ROOT,
        "%-22s %-28s %6.1f s  sent %9s  churn %9s  point %-18s " + "%s -> %s in %s%s",
        hop.operation(),
        hop.direction(),
        hop.durationMs() / 1e3,
        format(hop.bytesSentAcrossRegions()),
        format(hop.churnBytes()),
        hop.pointId() == null ? "-" : hop.pointId(),
        checksums,
        hop.stateAfter(),
        hop.activeRegionAfter(),
        sync);
  }

  public static void ending(RoundTrip.Result result, PrintStream out) {
    out.printf("%nInventory before (%d resources):%n", result.inventoryBefore().size());
    result.inventoryBefore().forEach(line -> out.println("  " + line));
    out.printf("Inventory after (%d resources):%n", result.inventoryAfter().size());
    result.inventoryAfter().forEach(line -> out.println("  " + line));
    out.println(verdict(result));
  }

  /** The end state, and what the inventory has beyond or short of a protected VM's. */
  public static String verdict(RoundTrip.Result result) {
    List<String> leaked = minus(result.inventoryAfter(), result.inventoryExpected());
    List<String> missing = minus(result.inventoryExpected(), result.inventoryAfter());
    return (leaked.isEmpty() && missing.isEmpty()
            ? "The inventory is exactly a protected VM's (as after the enable, and the vault's cache "
                + "account in the other region)."
            : "LEAKED: " + leaked + "; MISSING: " + missing)
        + String.format(
            "%n%s, %s -> %s: %s",
            result.state(),
            result.sourceRegion(),
            result.targetRegion(),
            result.succeeded() ? "round trip OK" : "round trip FAILED");
  }

  /** {@code from} without one occurrence of each line of {@code removed}. */
  static List<String> minus(List<String> from, List<String> removed) {
    List<String> rest = new ArrayList<>(from);
    removed.forEach(rest::remove);
    return rest;
  }
}
