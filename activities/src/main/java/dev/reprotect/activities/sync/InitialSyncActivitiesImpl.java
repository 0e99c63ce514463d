package dev.reprotect.activities.sync;

import dev.reprotect.activities.ActivityCaller;
import dev.reprotect.activities.AzureFailures;
import dev.reprotect.activities.DiskSyncInput;
import dev.reprotect.activities.DiskSyncResult;
import dev.reprotect.activities.PlannedDisk;
import dev.reprotect.activities.SyncProgress;
import dev.reprotect.azure.AzureBackend;
import dev.reprotect.azure.BlockHashes;
import dev.reprotect.azure.BlockTransfer;
import dev.reprotect.azure.Caller;
import dev.reprotect.azure.PageBlob;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.failure.ApplicationFailure;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;

/**
 * The initial sync of a disk. The source's hashes are computed and compared in the source
 * region; the replica's hashes are computed in the target region and are all that crosses before
 * the differing blocks do. Both are hashes of the bytes, read where they live. Every block
 * allocated on either side is considered: one only the replica has is cleared. Blocks the target
 * region received corrupted are sent again before the range counts as done.
 */
public final class InitialSyncActivitiesImpl implements InitialSyncActivities {
  /** The name under which the wiring provides the number of blocks compared per heartbeat. */
  public static final String BLOCKS_PER_RANGE = "sync.blocksPerRange";
  /** How often the blocks of a range that arrived corrupted are sent again before the attempt fails. */
  static final int RESEND_ROUNDS = 3;
  /** The type of the retryable failure of a range whose blocks kept arriving corrupted. */
  static final String CORRUPTED_TRANSFER = "CorruptedTransfer";

  private final AzureBackend azure;
  private final int blocksPerRange;

  @Inject
  public InitialSyncActivitiesImpl(AzureBackend azure, @Named(BLOCKS_PER_RANGE) int blocksPerRange) {
    this.azure = azure;
    this.blocksPerRange = blocksPerRange;
  }

  @Override
  public DiskSyncResult syncDisk(DiskSyncInput input) {
    return AzureFailures.translated(input.targetRegion(), () -> sync(input));
  }

  private DiskSyncResult sync(DiskSyncInput input) {
    ActivityExecutionContext context = Activity.getExecutionContext();
    Caller caller = ActivityCaller.current();
    PlannedDisk disk = input.disk();
    PageBlob source = azure.storage().blob(disk.source())
        .orElseThrow(() -> new IllegalStateException("source disk " + disk.source() + " is gone"));
    prepareReplica(caller, disk, source.sizeBytes());

    int blockSize = azure.storage().blockSize();
    long totalBlocks = source.sizeBytes() / blockSize;
    SyncProgress progress = context.getHeartbeatDetails(SyncProgress.class)
        .filter(saved -> saved.totalBlocks() == totalBlocks && saved.blockSize() == blockSize)
        .orElse(SyncProgress.start(totalBlocks, blockSize));
    long resumedFrom = progress.nextBlock();
    while (progress.nextBlock() < totalBlocks) {
      long from = progress.nextBlock();
      long to = Math.min(from + blocksPerRange, totalBlocks);
      BlockHashes sourceHashes =
          azure.storage().blockHashes(disk.source(), from, to, input.sourceRegion());
      BlockHashes replicaHashes =
          azure.storage().blockHashes(disk.replica(), from, to, input.sourceRegion());
      List<Long> differing = BlockDiff.differingBlocks(sourceHashes, replicaHashes);
      BlockTransfer transfer = transfer(caller, disk, differing);
      progress = progress.advance(to,
          sourceHashes.meteredBytes() + replicaHashes.meteredBytes() + transfer.meteredBytes(),
          transfer.blocksCopied(), transfer.blocksCleared());
      // A cancellation surfaces here, between two ranges: a safe point.
      context.heartbeat(progress);
    }
    PageBlob replica = azure.storage().blob(disk.replica()).orElseThrow();
    return new DiskSyncResult(disk.slot(), disk.name(), source.sizeBytes(),
        source.allocatedBytes(), progress.blocksCopied(), progress.blocksCleared(),
        progress.bytesTransferred(), resumedFrom,
        azure.storage().checksum(disk.source()), azure.storage().checksum(replica.ref()));
  }

  /**
   * Transfers the blocks, then sends again those the target region received corrupted, for at
   * most {@link #RESEND_ROUNDS} rounds: a range is heartbeated as done only once its bytes
   * arrived as sent. Resent bytes count in the metered bytes, not in the blocks copied.
   */
  private BlockTransfer transfer(Caller caller, PlannedDisk disk, List<Long> blocks) {
    if (blocks.isEmpty()) {
      return BlockTransfer.none();
    }
    BlockTransfer first =
        azure.storage().transferBlocks(caller, disk.source(), disk.replica(), blocks);
    long metered = first.meteredBytes();
    List<Long> corrupted = first.corruptedBlocks();
    for (int round = 1; !corrupted.isEmpty(); round++) {
      if (round > RESEND_ROUNDS) {
        // Retryable: the next attempt resumes at this range and sends what still differs.
        throw ApplicationFailure.newFailure(corrupted.size() + " blocks of " + disk.replica()
            + " still arrived corrupted after " + RESEND_ROUNDS + " resends", CORRUPTED_TRANSFER);
      }
      BlockTransfer again =
          azure.storage().transferBlocks(caller, disk.source(), disk.replica(), corrupted);
      metered += again.meteredBytes();
      corrupted = again.corruptedBlocks();
    }
    return new BlockTransfer(first.blocksCopied(), first.blocksCleared(), metered, List.of());
  }

  /** The replica exists and has the source's size: created empty for a full copy, resized if the source was. */
  private void prepareReplica(Caller caller, PlannedDisk disk, long sourceSize) {
    PageBlob replica = azure.storage().blob(disk.replica())
        .orElseGet(() -> azure.storage().createPageBlob(caller, disk.replica(), sourceSize));
    if (replica.sizeBytes() != sourceSize) {
      azure.storage().resizePageBlob(caller, disk.replica(), sourceSize);
    }
  }
}
