package dev.reprotect.bench.harness;

import dev.reprotect.activities.RegisteredActivities;
import dev.reprotect.azure.sim.LatencyModel;
import dev.reprotect.azure.sim.SimulatedAzure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The reference product's reprotect (1 TB disk, 127 GB used, 45 GB changed after the failover),
 * modelled step by step with the simulator's own cost figures ({@link LatencyModel#reference}: each
 * call's delay, the disk's and the in-region copy's throughput), at full scale and without running
 * it: a deterministic figure to set against the disk-read bound, the used bytes read once at the
 * disk's speed. What each step reads, writes and calls is the data path as its meters count it (the
 * quick bench's counters: each side reads each allocated byte at most once, the receiver reads and
 * writes the changed blocks only); how many ranges the data fills assumes a file system's used
 * blocks lie together.
 */
public record ReferenceCaseModel(LatencyModel latency, long blockSize, long blocksPerRange) {
  public static final long DISK_BYTES = 1_000_000_000_000L;
  public static final long USED_BYTES = 127_000_000_000L;
  public static final long CHANGED_BYTES = 45_000_000_000L;

  /** Page ranges per page of a listing, as Azure pages them. */
  static final long RANGES_PER_LISTING_PAGE = 1000;

  /** One step of the job: its modelled time and what it is made of. */
  public record Step(String name, Duration time, String how) {}

  /** The steps, the job (their sum: the steps run one after another) and the bound. */
  public record Modelled(List<Step> steps, Duration job, Duration diskReadBound) {
    public double jobOverBound() {
      return (double) job.toNanos() / diskReadBound.toNanos();
    }
  }

  /** At the reference product's pace, on a disk of {@code diskMegabytesPerSecond}. */
  public static ReferenceCaseModel of(double diskMegabytesPerSecond) {
    return new ReferenceCaseModel(
        LatencyModel.reference(1, diskMegabytesPerSecond),
        SimulatedAzure.DEFAULT_BLOCK_SIZE,
        RegisteredActivities.DEFAULT_BLOCKS_PER_RANGE);
  }

  public Modelled model(long usedBytes, long changedBytes) {
    List<Step> steps = new ArrayList<>();
    steps.add(calls("Check the prerequisites, plan, claim the item", "claimOperation"));
    steps.add(
        calls(
            "Prepare the artefacts (a new cache account, recorded on the item first)",
            "recordCreatedResources",
            "createStorageAccount"));
    Duration copy = delay("copyBlob").plus(latency.copyTime(usedBytes));
    steps.add(
        new Step(
            "Copy the stale disk to a seed blob",
            copy,
            "copyBlob: its delay, then the used bytes at the in-region copy rate"));
    steps.add(calls("Delete the target VM", "deleteVirtualMachine"));
    steps.add(
        new Step(
            "Cut 0 (the guest agent's hold, a Snapshot Blob, the release)",
            FleetRpoModel.cut(latency, 1),
            "holdWrites, snapshotBlob, releaseWrites"));
    steps.add(initialSync(usedBytes, changedBytes));
    steps.add(
        calls(
            "Start delta replication: first point, item Protected, release",
            "createRecoveryPoint",
            "snapshotBlob",
            "putReplicatedItem",
            "releaseOperation"));
    Duration job = steps.stream().map(Step::time).reduce(Duration.ZERO, Duration::plus);
    return new Modelled(steps, job, latency.diskTime(usedBytes));
  }

  /**
   * Both sides' page ranges listed at once; one transfer call per range holding data (at a standard
   * disk's speed a range's batch fits the heartbeat budget), its delay before its bytes; the
   * source's blob reads the used bytes while the replica's reads the old copy of each changed block
   * and writes the new one, both blobs at once; both recorded checksums at once.
   */
  private Step initialSync(long usedBytes, long changedBytes) {
    long ranges = ceilDiv(usedBytes, blockSize * blocksPerRange);
    Duration listing = delay("pageRanges").multipliedBy(ceilDiv(ranges, RANGES_PER_LISTING_PAGE));
    Duration transferCalls = delay("transferBlocks").multipliedBy(ranges);
    Duration source = latency.diskTime(usedBytes);
    Duration replica = latency.diskTime(2 * changedBytes);
    Duration bytes = source.compareTo(replica) >= 0 ? source : replica;
    Duration time = listing.plus(transferCalls).plus(bytes).plus(delay("recordedChecksum"));
    return new Step(
        "Initial sync",
        time,
        String.format(
            "%d ranges with data: %s of transfer calls; the source's read of the used bytes %s, "
                + "the replica's read and write of the changed ones %s, at once",
            ranges, minutes(transferCalls), minutes(source), minutes(replica)));
  }

  private Step calls(String name, String... operations) {
    Duration time = Duration.ZERO;
    for (String operation : operations) {
      time = time.plus(delay(operation));
    }
    return new Step(name, time, String.join(", ", operations));
  }

  private Duration delay(String operation) {
    return latency.delayOf(operation);
  }

  static long ceilDiv(long dividend, long divisor) {
    return (dividend + divisor - 1) / divisor;
  }

  static String minutes(Duration time) {
    return String.format(Locale.ROOT, "%.1f min", time.toMillis() / 60000.0);
  }
}
