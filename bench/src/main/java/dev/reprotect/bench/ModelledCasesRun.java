package dev.reprotect.bench;

import dev.reprotect.azure.sim.LatencyModel;
import dev.reprotect.bench.harness.FleetRpoModel;
import dev.reprotect.bench.harness.ReferenceCaseModel;
import java.time.Duration;
import java.util.Locale;

/**
 * Item 5 and the fleet's RPO, modelled at full scale from the simulator's cost figures (no run:
 * deterministic, instant). Args: the disk's MB/s (default 60), the fleet's VMs (100), disks per VM
 * (2), disk GiB (128), churn MB/s per disk (2).
 */
public final class ModelledCasesRun {
  private ModelledCasesRun() {}

  public static void main(String[] args) {
    double mbps = args.length > 0 ? Double.parseDouble(args[0]) : LatencyModel.STANDARD_DISK_MBPS;
    int vms = args.length > 1 ? Integer.parseInt(args[1]) : 100;
    int disks = args.length > 2 ? Integer.parseInt(args[2]) : 2;
    long diskBytes = (args.length > 3 ? Long.parseLong(args[3]) : 128) << 30;
    double churn = args.length > 4 ? Double.parseDouble(args[4]) : 2;

    ReferenceCaseModel model = ReferenceCaseModel.of(mbps);
    printReference(
        String.format(
            Locale.ROOT,
            "Reference case, full compare: 1 TB disk, 127 GB used, 45 GB changed, %.0f MB/s",
            mbps),
        model.model(ReferenceCaseModel.USED_BYTES, ReferenceCaseModel.CHANGED_BYTES),
        "goal 1.2");
    printReference(
        String.format(
            Locale.ROOT,
            "Reference case, changed blocks: 45 GB written on the new side since the failover, "
                + "none on the stale side, %.0f MB/s",
            mbps),
        model.modelChangedBlocks(ReferenceCaseModel.CHANGED_BYTES, 0),
        "goal: the job within " + minutes(ReferenceCaseModel.CHANGED_BLOCKS_GOAL));

    System.out.printf(
        Locale.ROOT,
        "Fleet: %d VMs x %d disks of %d GiB, %.1f MB/s churn per disk, " + "a cycle every %s%n",
        vms,
        disks,
        diskBytes >> 30,
        churn,
        minutes(FleetRpoModel.CYCLE_INTERVAL));
    printFleet("shipped as built", FleetRpoModel.of(mbps), vms, disks, diskBytes, churn);
    printFleet(
        "baseline, one disk and one call at a time",
        FleetRpoModel.of(mbps, FleetRpoModel.Shipping.SERIAL),
        vms,
        disks,
        diskBytes,
        churn);
  }

  private static void printReference(
      String title, ReferenceCaseModel.Modelled modelled, String goal) {
    System.out.printf(Locale.ROOT, "%s%n| step | modelled | made of |%n|---|---|---|%n", title);
    modelled
        .steps()
        .forEach(
            step ->
                System.out.printf(
                    Locale.ROOT,
                    "| %s | %s | %s |%n",
                    step.name(),
                    minutes(step.time()),
                    step.how()));
    System.out.printf(Locale.ROOT, "| **the job** | **%s** | |%n", minutes(modelled.job()));
    System.out.printf(
        Locale.ROOT,
        "disk-read bound %s; job / bound %.2f (%s)%n%n",
        minutes(modelled.diskReadBound()),
        modelled.jobOverBound(),
        goal);
  }

  private static void printFleet(
      String title, FleetRpoModel model, int vms, int disks, long diskBytes, double churn) {
    FleetRpoModel.Modelled fleet = model.model(vms, disks, diskBytes, churn);
    System.out.printf(
        Locale.ROOT,
        "%s (%d disks at once, %d ranges in flight per disk):%n",
        title,
        model.shipping().disksAtOnce(),
        model.shipping().rangesInFlight());
    System.out.printf(
        Locale.ROOT,
        "  changed per disk and cycle: %d blocks in %.0f ranges; "
            + "per disk: transfer calls %s, bytes %s%n",
        fleet.changedBlocksPerDisk(),
        fleet.rangesTouchedPerDisk(),
        minutes(fleet.transferCallsPerDisk()),
        minutes(fleet.bytesPerDisk()));
    System.out.printf(
        Locale.ROOT,
        "  cycle %s; points every %s (goal 6 min); worst RPO %s "
            + "(goal 10 min); ARM writes %.2f/s (refill 10/s)%n",
        minutes(fleet.cycle()),
        minutes(fleet.pointSpacing()),
        minutes(fleet.worstRpo()),
        fleet.armWritesPerSecond());
  }

  private static String minutes(Duration time) {
    return String.format(Locale.ROOT, "%.1f min", time.toMillis() / 60000.0);
  }
}
