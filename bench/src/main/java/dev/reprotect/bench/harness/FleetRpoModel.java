package dev.reprotect.bench.harness;

import static dev.reprotect.bench.harness.ReferenceCaseModel.ceilDiv;

import dev.reprotect.activities.RegisteredActivities;
import dev.reprotect.activities.replication.ShipmentConcurrency;
import dev.reprotect.azure.sim.LatencyModel;
import dev.reprotect.azure.sim.SimulatedAzure;
import java.time.Duration;

/**
 * The RPO of a fleet of protected VMs under steady churn, modelled with the simulator's cost
 * figures ({@link LatencyModel#reference}) at full scale, without running it. A cycle is what the
 * replication's meters show one to be: a cut, then for each disk the page-range diff against the
 * last cut, the changed blocks of each range sent in a batch to the staging blob of the cache
 * account and from there to the replica (a transfer call each), the two recorded checksums; then
 * the recovery point and the old cut's deletion. The disks of a VM ship at once ({@link
 * Shipping#disksAtOnce}), and each keeps {@link Shipping#rangesInFlight} ranges in flight: the
 * calls' delays overlap, while the bytes of a disk's staging blob stay on its one throughput, and
 * the model adds the two rather than overlap them (an upper bound). The churn is uniform over each
 * disk and never rewrites a block within a cycle (the worst case for the bytes and the ranges). The
 * VMs' disks are separate blobs, each with its own throughput, so a VM's cycle does not wait for
 * another's; what they share is ARM's request limits and the workers' activity slots, both
 * reported.
 */
public record FleetRpoModel(
    LatencyModel latency, long blockSize, long blocksPerRange, Shipping shipping) {
  /** The crash-consistent points' interval, fixed in the reference product. */
  public static final Duration CYCLE_INTERVAL = Duration.ofMinutes(5);

  /** How much of a cut's shipment runs at once. */
  public record Shipping(int disksAtOnce, int rangesInFlight) {
    /** What the shipment does ({@link ShipmentConcurrency}). */
    public static final Shipping BUILT =
        new Shipping(ShipmentConcurrency.DISKS_AT_ONCE, ShipmentConcurrency.RANGES_IN_FLIGHT);

    /** What it did before: the disks one after the other, one call at a time (the baseline). */
    public static final Shipping SERIAL = new Shipping(1, 1);
  }

  /** What one VM's cycle costs, and what follows for its points and its RPO. */
  public record Modelled(
      long changedBlocksPerDisk,
      double rangesTouchedPerDisk,
      Duration transferCallsPerDisk,
      Duration bytesPerDisk,
      Duration cycle,
      Duration pointSpacing,
      Duration worstRpo,
      double armWritesPerSecond) {}

  /** The model of the shipment as built. */
  public static FleetRpoModel of(double diskMegabytesPerSecond) {
    return of(diskMegabytesPerSecond, Shipping.BUILT);
  }

  public static FleetRpoModel of(double diskMegabytesPerSecond, Shipping shipping) {
    return new FleetRpoModel(
        LatencyModel.reference(1, diskMegabytesPerSecond),
        SimulatedAzure.DEFAULT_BLOCK_SIZE,
        RegisteredActivities.DEFAULT_BLOCKS_PER_RANGE,
        shipping);
  }

  public Modelled model(int vms, int disksPerVm, long diskBytes, double churnMegabytesPerSecond) {
    long changedBytes = (long) (churnMegabytesPerSecond * 1e6 * CYCLE_INTERVAL.toSeconds());
    long changedBlocks = ceilDiv(changedBytes, blockSize);
    long ranges = ceilDiv(diskBytes, blockSize * blocksPerRange);
    // Uniform writes: the expected number of ranges that at least one changed block falls in.
    double touched = ranges * (1 - Math.pow(1 - 1.0 / ranges, changedBlocks));
    // Two calls per range, one after the other; the ranges spread over the calls in flight.
    long rangesPerLane = ceilDiv((long) Math.ceil(touched), shipping.rangesInFlight());
    Duration transferCalls = delay("transferBlocks").multipliedBy(2 * rangesPerLane);
    // Staged, then shipped: the staging blob reads and writes every byte on one schedule.
    Duration bytes = latency.diskTime(2 * changedBlocks * blockSize);
    Duration perDisk =
        delay("pageRangesDiff").plus(transferCalls).plus(bytes).plus(delay("recordedChecksum"));
    long diskRounds = ceilDiv(disksPerVm, shipping.disksAtOnce());
    // The item records the shipment's cut in transit, then as the replicas' base: two writes.
    Duration cycle =
        cut(latency, disksPerVm)
            .plus(perDisk.multipliedBy(diskRounds))
            .plus(delay("recordReplicaCuts").multipliedBy(2))
            .plus(delay("createRecoveryPoint"))
            .plus(delay("snapshotBlob").multipliedBy(disksPerVm))
            .plus(delay("deleteBlob").multipliedBy(disksPerVm));
    // A cycle starts at the next mark of the interval: one that overruns skips marks.
    long marks = Math.max(1, ceilDiv(cycle.toMillis(), CYCLE_INTERVAL.toMillis()));
    Duration spacing = CYCLE_INTERVAL.multipliedBy(marks);
    // Just before a point lands, the newest one is a spacing and a cycle old.
    Duration worstRpo = spacing.plus(cycle);
    // Per cycle and VM: the point and the two records of the replicas' cut go through ARM as
    // writes; snapshots, holds and blob deletions are storage calls, under no ARM limit.
    double armWrites = 3.0 * vms / spacing.toSeconds();
    return new Modelled(
        changedBlocks, touched, transferCalls, bytes, cycle, spacing, worstRpo, armWrites);
  }

  private Duration delay(String operation) {
    return latency.delayOf(operation);
  }

  /** A cut of a VM's disks: the guest agent's hold, a Snapshot Blob per disk, the release. */
  static Duration cut(LatencyModel latency, int disks) {
    return latency
        .delayOf("holdWrites")
        .plus(latency.delayOf("snapshotBlob").multipliedBy(disks))
        .plus(latency.delayOf("releaseWrites"));
  }
}
