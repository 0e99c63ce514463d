package dev.reprotect.activities.sync;

import dev.reprotect.activities.ActivityCaller;
import dev.reprotect.activities.AzureFailures;
import dev.reprotect.activities.DiskSyncInput;
import dev.reprotect.activities.DiskSyncResult;
import dev.reprotect.activities.LongOperationWait;
import dev.reprotect.activities.PlannedDisk;
import dev.reprotect.activities.ReplicationErrorCode;
import dev.reprotect.activities.SyncProgress;
import dev.reprotect.activities.data.BothSides;
import dev.reprotect.activities.data.DataRanges;
import dev.reprotect.activities.data.HeartbeatPace;
import dev.reprotect.activities.data.ReliableTransfer;
import dev.reprotect.activities.data.ReplicaVerification;
import dev.reprotect.azure.AzureBackend;
import dev.reprotect.azure.AzureException;
import dev.reprotect.azure.BlobRef;
import dev.reprotect.azure.BlockTransfer;
import dev.reprotect.azure.Caller;
import dev.reprotect.azure.LineageSnapshots;
import dev.reprotect.azure.PageBlob;
import io.temporal.failure.ApplicationFailure;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * The initial sync of a disk, reading each allocated byte at most once per side. Every block
 * allocated on either side is handed to the transfer (both sides' page ranges say which, so the
 * ranges that are empty on both cost no call): the source region reads and hashes each block once,
 * and sends it unless the target region holds it already, which the target checks from its record
 * of the block and, when that says equal, from its bytes; one only the replica has is cleared. A
 * separate hash pass would read every source block a second time for each one that differs. Blocks
 * the target region received corrupted are sent again before the range counts as done, and the
 * synced replica is verified against the source from the hashes storage recorded as it wrote each
 * side's blocks, which reads nothing again (see {@link ReplicaVerification}).
 *
 * <p>After a failover whose lineage holds, the changed-block sync hands the same transfer only the
 * blocks changed since the failover on either side, listed by storage as each side's page-range
 * diff against its own base snapshot: what it reads follows the churn, not the data.
 */
public final class InitialSyncActivitiesImpl implements InitialSyncActivities {
  /**
   * The name under which the wiring provides the number of blocks compared at once; what is sent
   * between two heartbeats is bounded by time too (see {@link HeartbeatPace}).
   */
  public static final String BLOCKS_PER_RANGE = "sync.blocksPerRange";

  /** The blocks a sync visits, from the block it resumes at, of a disk of {@code totalBlocks}. */
  private interface BlocksToVisit {
    DataRanges from(long fromBlock, long totalBlocks);
  }

  /** The blocks each side changed since its base, counted as the union was listed. */
  private static final class Changed {
    long onSource;
    long onReplica;
    long union;
  }

  private final AzureBackend azure;
  private final int blocksPerRange;

  @Inject
  public InitialSyncActivitiesImpl(
      AzureBackend azure, @Named(BLOCKS_PER_RANGE) int blocksPerRange) {
    this.azure = azure;
    this.blocksPerRange = blocksPerRange;
  }

  @Override
  public DiskSyncResult syncDisk(DiskSyncInput input) {
    return AzureFailures.translated(
        input.targetRegion(),
        () -> {
          Caller caller = ActivityCaller.current();
          // Blocks unallocated on both sides are equal already: only ranges with data are compared.
          return sync(
              caller,
              input,
              (fromBlock, totalBlocks) ->
                  DataRanges.allocatedOnEither(
                      azure,
                      caller,
                      input.syncedFrom(),
                      input.disk().replica(),
                      fromBlock,
                      totalBlocks));
        });
  }

  @Override
  public ChangedBlockSyncResult syncChangedBlocks(ChangedBlockSync input) {
    DiskSyncInput disk = input.sync();
    return AzureFailures.translated(
        disk.targetRegion(),
        () -> {
          Caller caller = ActivityCaller.current();
          requireSnapshot(input.sourceBase(), "the new side's base");
          requireSnapshot(input.replicaBase(), "the replica's base");
          Changed changed = new Changed();
          DiskSyncResult synced =
              sync(
                  caller,
                  disk,
                  (fromBlock, totalBlocks) -> {
                    // Listed from block 0 whatever the attempt resumes at, so that the counts are
                    // the
                    // whole disk's: a diff reads nothing, it costs a call per page of ranges.
                    BothSides.Answers<DataRanges> sides =
                        BothSides.atOnce(
                            () ->
                                DataRanges.changedSince(
                                    azure,
                                    caller,
                                    disk.syncedFrom(),
                                    input.sourceBase(),
                                    0,
                                    totalBlocks),
                            () ->
                                DataRanges.changedSince(
                                    azure,
                                    caller,
                                    disk.disk().replica(),
                                    input.replicaBase(),
                                    0,
                                    totalBlocks));
                    changed.onSource = sides.source().blockCount();
                    changed.onReplica = sides.replica().blockCount();
                    DataRanges union = sides.source().with(sides.replica());
                    changed.union = union.blockCount();
                    return union;
                  });
          return new ChangedBlockSyncResult(
              synced,
              changed.onSource,
              changed.onReplica,
              changed.union * azure.storage().blockSize(),
              SideMeters.of(
                  azure.metering(),
                  ActivityCaller.ofCurrentActivity(),
                  disk.sourceRegion(),
                  disk.targetRegion()));
        });
  }

  @Override
  public SeededFromStaleCut seedFromStaleCut(SeedFromStaleCut input) {
    PlannedDisk disk = input.disk();
    BlobRef seed = disk.replica();
    return AzureFailures.translated(
        input.targetRegion(),
        () -> {
          Caller caller = ActivityCaller.current();
          requireSnapshot(input.staleCut(), "the stale disk's cut");
          PageBlob stale =
              azure
                  .storage()
                  .blob(disk.targetDisk())
                  .orElseThrow(() -> AzureException.notFound("stale disk " + disk.targetDisk()));
          int blockSize = azure.storage().blockSize();
          long totalBlocks = stale.sizeBytes() / blockSize;
          // Asked first: a cut of another disk is refused before anything is written.
          DataRanges changed =
              DataRanges.changedSince(
                  azure, caller, disk.targetDisk(), input.staleCut(), 0, totalBlocks);
          if (azure.storage().snapshot(input.replicaBase()).isEmpty()) {
            // The seed starts as the stale disk was in the cut (the content of the new side's base
            // too): its snapshot there lets the sync list the stale side's changes as a diff of
            // the seed, the same blob, once the stale disk is gone.
            LongOperationWait.awaitEnd(
                azure.longOperations(),
                seed.toString(),
                () -> azure.longOperations().beginCopyBlob(caller, input.staleCut(), seed));
            azure
                .storage()
                .snapshotBlob(
                    caller,
                    seed,
                    input.replicaBase(),
                    LineageSnapshots.replicaBaseMetadata(input.vm(), input.staleCut()));
          }
          // Applied from the start by every attempt (the heartbeats of the copy's wait are not a
          // position): within a region, storage skips a block the seed holds already from its
          // records, at no read, so a retry reads and writes only what is left.
          HeartbeatPace.ofCurrentActivity()
              .sendRange(
                  SyncProgress.start(totalBlocks, blockSize),
                  changed.blocksIn(0, totalBlocks),
                  totalBlocks,
                  (applied, batch, reached) ->
                      sent(
                          applied,
                          reached,
                          ReliableTransfer.send(azure, caller, disk.targetDisk(), seed, batch)));
          return new SeededFromStaleCut(
              disk.slot(),
              azure.storage().blob(seed).orElseThrow().allocatedBytes(),
              changed.blockCount());
        });
  }

  /**
   * Makes the replica equal to what {@code input} syncs from, sending what the transfer finds
   * different among the blocks {@code visited}, heartbeating and resuming from {@link
   * SyncProgress}, and verifies it.
   */
  private DiskSyncResult sync(Caller caller, DiskSyncInput input, BlocksToVisit visited) {
    PlannedDisk disk = input.disk();
    BlobRef from = input.syncedFrom();
    // No retry brings a deleted disk back: the job fails now, with a code, not 30 attempts on.
    PageBlob source =
        azure
            .storage()
            .blob(from)
            .orElseThrow(
                () ->
                    ApplicationFailure.newNonRetryableFailure(
                        "source disk " + from + " is gone",
                        ReplicationErrorCode.SourceDiskMissing.name()));
    prepareReplica(caller, disk, source.sizeBytes());

    int blockSize = azure.storage().blockSize();
    long totalBlocks = source.sizeBytes() / blockSize;
    SyncProgress progress =
        HeartbeatPace.resumedOr(SyncProgress.class, SyncProgress.start(totalBlocks, blockSize));
    long resumedFrom = progress.nextBlock();
    HeartbeatPace pace = HeartbeatPace.ofCurrentActivity();
    DataRanges data = visited.from(resumedFrom, totalBlocks);
    long rangeStart = data.nextRange(resumedFrom, blocksPerRange, totalBlocks);
    while (rangeStart < totalBlocks) {
      long rangeEnd = Math.min(rangeStart + blocksPerRange, totalBlocks);
      // A cancellation or a refused heartbeat surfaces between two batches: a safe point.
      progress =
          pace.sendRange(
              progress.advance(rangeStart, 0, 0, 0),
              data.blocksIn(rangeStart, rangeEnd),
              rangeEnd,
              (sent, batch, reached) ->
                  sent(
                      sent,
                      reached,
                      ReliableTransfer.send(azure, caller, from, disk.replica(), batch)));
      rangeStart = data.nextRange(progress.nextBlock(), blocksPerRange, totalBlocks);
    }
    progress = progress.advance(totalBlocks, 0, 0, 0);
    ReplicaVerification.Verified verified =
        ReplicaVerification.verify(
            azure,
            caller,
            from,
            disk.replica(),
            input.sourceRegion(),
            blocksPerRange,
            pace,
            progress);
    return new DiskSyncResult(
        disk.slot(),
        disk.name(),
        source.sizeBytes(),
        source.allocatedBytes(),
        progress.blocksCopied(),
        progress.blocksCleared(),
        progress.bytesTransferred() + verified.meteredBytes(),
        resumedFrom,
        verified.sourceChecksum(),
        verified.replicaChecksum(),
        verified.blocksRepaired());
  }

  /** The progress once a batch's {@code transfer} made every block before {@code reached} equal. */
  private static SyncProgress sent(SyncProgress progress, long reached, BlockTransfer transfer) {
    return progress.advance(
        reached, transfer.meteredBytes(), transfer.blocksCopied(), transfer.blocksCleared());
  }

  /**
   * The snapshot a changed-block step is measured from: without it nothing lists what changed
   * since, and no retry brings it back.
   */
  private void requireSnapshot(BlobRef ref, String role) {
    if (azure.storage().snapshot(ref).isEmpty()) {
      throw ApplicationFailure.newNonRetryableFailure(
          role + ", snapshot " + ref + ", is gone",
          ReplicationErrorCode.LineageSnapshotMissing.name());
    }
  }

  /**
   * The replica exists and has the source's size: created empty for a full copy, resized if the
   * source was.
   */
  private void prepareReplica(Caller caller, PlannedDisk disk, long sourceSize) {
    PageBlob replica =
        azure
            .storage()
            .blob(disk.replica())
            .orElseGet(() -> azure.storage().createPageBlob(caller, disk.replica(), sourceSize));
    if (replica.sizeBytes() != sourceSize) {
      azure.storage().resizePageBlob(caller, disk.replica(), sourceSize);
    }
  }
}
