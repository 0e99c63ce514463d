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
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;

/**
 * The initial sync of a disk. The source's hashes are computed and compared in the source
 * region; the replica's hashes are computed in the target region and are all that crosses before
 * the differing blocks do. Every block allocated on either side is considered: one only the
 * replica has is cleared.
 */
public final class InitialSyncActivitiesImpl implements InitialSyncActivities {
  /** The name under which the wiring provides the number of blocks compared per heartbeat. */
  public static final String BLOCKS_PER_RANGE = "sync.blocksPerRange";

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
      BlockTransfer transfer = differing.isEmpty()
          ? new BlockTransfer(0, 0, 0)
          : azure.storage().transferBlocks(caller, disk.source(), disk.replica(), differing);
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

  /** The replica exists and has the source's size: created empty for a full copy, resized if the source was. */
  private void prepareReplica(Caller caller, PlannedDisk disk, long sourceSize) {
    PageBlob replica = azure.storage().blob(disk.replica())
        .orElseGet(() -> azure.storage().createPageBlob(caller, disk.replica(), sourceSize));
    if (replica.sizeBytes() != sourceSize) {
      azure.storage().resizePageBlob(caller, disk.replica(), sourceSize);
    }
  }
}
