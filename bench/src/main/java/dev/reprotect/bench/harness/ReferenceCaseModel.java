package dev.reprotect.bench.harness;

import dev.reprotect.activities.RegisteredActivities;
import dev.reprotect.azure.sim.LatencyModel;
import dev.reprotect.azure.sim.SimulatedAzure;
import java.time.Duration;
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

  /** Issue 20's goal for the changed-block reprotect of the case: the whole job. */
  public static final Duration CHANGED_BLOCKS_GOAL = Duration.ofMinutes(15);

  /** Page ranges per page of a listing, as Azure pages them. */
  static final long RANGES_PER_LISTING_PAGE = 1000;

  /**
   * One step of the job: its modelled time and what it is made of; {@code beside} if it runs beside
   * the data path (the seed and the sync) rather than before it.
   */
  public record Step(String name, Duration time, String how, boolean beside) {
    Step(String name, Duration time, String how) {
      this(name, time, how, false);
    }
  }

  /**
   * The steps, the job (its critical path: the steps one after another, but for the two that run
   * beside the data path, which count only where they outlast it) and the bound.
   */
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

  /**
   * The full compare: the stale disk copied into the seed (within its storage account: the call
   * alone), every used block read and compared.
   */
  public Modelled model(long usedBytes, long changedBytes) {
    Step seed =
        new Step(
            "Copy the stale disk to a seed blob",
            delay("copyBlob"),
            "copyBlob within the stale disk's storage account: the call, no bytes moved");
    return job(
        seed,
        initialSync(usedBytes, changedBytes),
        List.of("createRecoveryPoint", "snapshotBlob", "putReplicatedItem", "releaseOperation"),
        latency.diskTime(usedBytes));
  }

  /**
   * The changed-block reprotect of issue 20, after a failover whose lineage holds: the seed is the
   * stale disk's cut copied (within its storage account, as the full compare's seed: the call
   * alone), snapshotted as the replica's base, and the stale disk's writes since its cut applied
   * in-region; the sync lists both sides' page-range diffs against their bases and reads, sends and
   * writes only the union of the changed blocks (the two sides' changes taken as disjoint). The
   * bound is the changed bytes read once at the disk's speed.
   */
  public Modelled modelChangedBlocks(long changedOnNewSide, long changedOnStaleSide) {
    long staleRanges = ceilDiv(changedOnStaleSide, blockSize * blocksPerRange);
    Duration seedTime =
        delay("copyBlob")
            .plus(delay("snapshotBlob"))
            .plus(listing(staleRanges))
            .plus(delay("transferBlocks").multipliedBy(staleRanges))
            .plus(latency.diskTime(changedOnStaleSide));
    Step seed =
        new Step(
            "Seed from the stale disk's cut",
            seedTime,
            String.format(
                "copyBlob of the cut within its storage account (the call, no bytes moved); "
                    + "snapshotBlob (the replica's base); the stale side's %s changed applied "
                    + "in-region",
                gigabytes(changedOnStaleSide)));
    return job(
        seed,
        changedBlockSync(changedOnNewSide + changedOnStaleSide),
        List.of(
            "deleteBlob",
            "deleteBlob",
            "deleteBlob",
            "createRecoveryPoint",
            "snapshotBlob",
            "putReplicatedItem",
            "releaseOperation"),
        latency.diskTime(changedOnNewSide + changedOnStaleSide));
  }

  /**
   * The steps both kinds share, around their seed and their sync. The cache account, which only the
   * replication uses, is made beside the seed and the sync, and the target VM deleted beside cut 0
   * and the sync (its seeds hold its data by then): each counts only where it outlasts what it runs
   * beside.
   */
  private Modelled job(Step seed, Step sync, List<String> lastCalls, Duration bound) {
    Step claim = calls("Check the prerequisites, plan, claim the item", "claimOperation");
    Step artefacts =
        calls(
            "Prepare the target side's artefacts (what the plan creates recorded on the item "
                + "first)",
            "recordCreatedResources");
    Step cache =
        beside(
            calls(
                "Make the new cache account, beside the seed and the sync",
                "createStorageAccount"));
    Step deletion =
        beside(calls("Delete the target VM, beside cut 0 and the sync", "deleteVirtualMachine"));
    Step cut0 =
        new Step(
            "Cut 0 (the guest agent's hold, a Snapshot Blob, the release)",
            FleetRpoModel.cut(latency, 1),
            "holdWrites, snapshotBlob, releaseWrites");
    Step start =
        calls(
            "Start delta replication: first point, item Protected, release",
            lastCalls.toArray(String[]::new));
    Duration data = seed.time().plus(longer(deletion.time(), cut0.time().plus(sync.time())));
    Duration job =
        claim.time().plus(artefacts.time()).plus(longer(cache.time(), data)).plus(start.time());
    return new Modelled(
        List.of(claim, artefacts, cache, seed, deletion, cut0, sync, start), job, bound);
  }

  private static Step beside(Step step) {
    return new Step(step.name(), step.time(), step.how(), true);
  }

  private static Duration longer(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  /**
   * Both sides' page-range diffs against their bases listed at once; one transfer call per range
   * holding changed blocks; the source reads each changed block once while the replica writes it
   * without reading its old copy (its record differs), both blobs at once; both recorded checksums
   * at once.
   */
  private Step changedBlockSync(long changedBytes) {
    long ranges = ceilDiv(changedBytes, blockSize * blocksPerRange);
    Duration transferCalls = delay("transferBlocks").multipliedBy(ranges);
    Duration bytes = latency.diskTime(changedBytes);
    Duration time = listing(ranges).plus(transferCalls).plus(bytes).plus(delay("recordedChecksum"));
    return new Step(
        "Changed-block sync",
        time,
        String.format(
            "%d ranges with changed blocks: %s of transfer calls; the source's read of the "
                + "changed bytes and the replica's write of them %s, at once",
            ranges, minutes(transferCalls), minutes(bytes)));
  }

  private Duration listing(long ranges) {
    return delay("pageRanges").multipliedBy(Math.max(1, ceilDiv(ranges, RANGES_PER_LISTING_PAGE)));
  }

  private static String gigabytes(long bytes) {
    return String.format(Locale.ROOT, "%.0f GB", bytes / 1e9);
  }

  /**
   * Both sides' page ranges listed at once; one transfer call per range holding data (at a standard
   * disk's speed a range's batch fits the heartbeat budget), its delay before its bytes; the
   * source's blob reads the used bytes while the replica's reads the old copy of each changed block
   * and writes the new one, both blobs at once; both recorded checksums at once.
   */
  private Step initialSync(long usedBytes, long changedBytes) {
    long ranges = ceilDiv(usedBytes, blockSize * blocksPerRange);
    Duration listing = listing(ranges);
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
