package dev.reprotect.activities.replication;

import dev.reprotect.activities.data.DataRanges;
import dev.reprotect.activities.data.HeartbeatPace;
import dev.reprotect.activities.data.RangeDiff;
import dev.reprotect.activities.data.ReliableTransfer;
import dev.reprotect.activities.data.ReplicaVerification;
import dev.reprotect.azure.AzureBackend;
import dev.reprotect.azure.AzureException;
import dev.reprotect.azure.BlobRef;
import dev.reprotect.azure.BlockTransfer;
import dev.reprotect.azure.Caller;
import dev.reprotect.azure.CutDisk;
import dev.reprotect.azure.ReplicaDisk;
import dev.reprotect.azure.ReplicatedItem;
import dev.reprotect.azure.VmCut;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Ships the disks of one cut, a call per disk, each on a thread of its own (a disk's blobs have
 * their own throughput, so the disks do not wait for one another): the changed blocks are found in
 * the source region (the page-range diff of the cut's snapshot against the replicas' base cut, or,
 * without one, the blocks allocated on either side, compared by hash range by range), each range's
 * blocks are copied to a staging blob of the cache account and from there to the replica, {@link
 * ShipmentConcurrency#RANGES_IN_FLIGHT} ranges in flight at once, and the replica is verified
 * against the cut.
 */
final class CutShipper {
  private final AzureBackend azure;
  private final Caller caller;
  private final ReplicatedItem item;
  private final ShipCut request;
  private final List<VmCut> bases;
  private final int blocksPerRange;
  private final Duration budget;

  /**
   * The shipper of {@code request}'s cut to {@code item}'s replicas; {@code bases} are the
   * replicas' base cut then the cuts in transit to them (null: compare every allocated block);
   * {@code budget} the heartbeat budget of the activity it works for.
   */
  CutShipper(
      AzureBackend azure,
      Caller caller,
      ReplicatedItem item,
      ShipCut request,
      List<VmCut> bases,
      int blocksPerRange,
      Duration budget) {
    this.azure = azure;
    this.caller = caller;
    this.item = item;
    this.request = request;
    this.bases = bases;
    this.blocksPerRange = blocksPerRange;
    this.budget = budget;
  }

  /**
   * Ships {@code disk} of the cut to {@code replica} from where the ledger says it got, its ranges
   * on {@code lanes}; reports each safe point to the ledger, and returns the disk verified. Stops
   * at the ledger's next checkpoint once the shipment stops.
   */
  DiskProgress ship(
      CutDisk disk, ReplicaDisk replica, ShipmentLedger ledger, ExecutorService lanes) {
    DiskProgress resumed = ledger.disk(replica.slot());
    if (resumed.done()) {
      return resumed;
    }
    BlobRef staging = prepare(disk, replica.replica());
    long totalBlocks = disk.sizeBytes() / azure.storage().blockSize();
    DataRanges candidates = candidates(disk, replica.replica(), resumed.nextBlock(), totalBlocks);
    // From the cuts alone, a range is sent whole again by a retry; compared, only what differs.
    DiskRanges ranges =
        new DiskRanges(candidates, blocksPerRange, totalBlocks, resumed, ledger, bases != null);
    List<Future<?>> running = new ArrayList<>();
    for (int lane = 0; lane < ShipmentConcurrency.RANGES_IN_FLIGHT; lane++) {
      running.add(
          lanes.submit(
              () -> {
                try {
                  sendRanges(
                      disk, replica.replica(), staging, candidates, ranges, totalBlocks, ledger);
                } catch (Throwable failure) {
                  ledger.failed(failure);
                }
              }));
    }
    awaitAll(running);
    ledger.checkpoint();
    ReplicaVerification.Verified verified =
        ReplicaVerification.verify(
            azure,
            caller,
            disk.snapshot(),
            replica.replica(),
            item.source().region(),
            blocksPerRange,
            pace(ledger),
            ranges.progress());
    azure.storage().deleteBlob(caller, staging);
    return ranges.progress().verified(verified.blocksRepaired(), verified.meteredBytes());
  }

  /** One lane: claims the next range with data and sends it, until none is left. */
  private void sendRanges(
      CutDisk disk,
      BlobRef replica,
      BlobRef staging,
      DataRanges candidates,
      DiskRanges ranges,
      long totalBlocks,
      ShipmentLedger ledger) {
    // A pace per lane: it sizes the batches from what this lane's calls took.
    HeartbeatPace pace = pace(ledger);
    for (OptionalLong claimed = ranges.claim(); claimed.isPresent(); claimed = ranges.claim()) {
      ledger.checkpoint();
      long from = claimed.getAsLong();
      long to = Math.min(from + blocksPerRange, totalBlocks);
      List<Long> blocks;
      if (bases == null) {
        RangeDiff diff =
            pace.whileReading(
                from,
                () ->
                    RangeDiff.of(
                        azure, caller, disk.snapshot(), replica, from, to, item.source().region()));
        ranges.reached(from, from, 0, 0, diff.meteredBytes());
        blocks = diff.differing();
      } else {
        blocks = candidates.blocksIn(from, to);
      }
      // Between two batches: a safe point of the range, and a checkpoint of the shipment.
      pace.sendRange(
          from,
          blocks,
          to,
          (unused, batch, reached) -> {
            ledger.checkpoint();
            BlockTransfer staged =
                ReliableTransfer.send(azure, caller, disk.snapshot(), staging, batch);
            BlockTransfer shipped = ReliableTransfer.send(azure, caller, staging, replica, batch);
            ranges.reached(
                from,
                reached,
                batch.size(),
                staged.blocksCopied() * azure.storage().blockSize(),
                shipped.meteredBytes());
            return reached;
          });
      ranges.finished(from);
    }
  }

  /** A pace whose heartbeats are the ledger's checkpoints: the activity's thread heartbeats. */
  private HeartbeatPace pace(ShipmentLedger ledger) {
    return HeartbeatPace.reportingTo(details -> ledger.checkpoint(), budget);
  }

  /** Waits for the lanes, which report their failures to the ledger themselves. */
  private static void awaitAll(List<Future<?>> running) {
    try {
      for (Future<?> lane : running) {
        lane.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancellationException("interrupted while its ranges were sent");
    } catch (ExecutionException e) {
      throw new IllegalStateException("a lane failed outside its own report", e.getCause());
    }
  }

  /**
   * The replica has the cut's size (a resized source disk resizes it), and an empty staging blob of
   * that size waits in the cache account.
   */
  private BlobRef prepare(CutDisk disk, BlobRef replica) {
    if (azure
            .storage()
            .blob(replica)
            .orElseThrow(() -> AzureException.notFound("replica " + replica))
            .sizeBytes()
        != disk.sizeBytes()) {
      azure.storage().resizePageBlob(caller, replica, disk.sizeBytes());
    }
    BlobRef staging =
        new BlobRef(
            item.cacheStorageAccount(),
            ReplicationCycleActivitiesImpl.STAGING_CONTAINER,
            request.vm() + "." + request.cutId() + "." + disk.slot() + ".vhd");
    if (azure.storage().blob(staging).isEmpty()) {
      azure.storage().createPageBlob(caller, staging, disk.sizeBytes());
    }
    return staging;
  }

  /**
   * The blocks that may have to ship from {@code fromBlock} on. With the replicas' base cut, the
   * page-range diff of the cut's snapshot against the base's, with the diffs against the base of
   * the cuts in transit (blocks they may have written): found in the source region from the cuts
   * alone, exactly the blocks to ship. Without one (the replicas hold no known cut), the blocks
   * allocated on either side, whose hashes are then compared range by range.
   */
  private DataRanges candidates(CutDisk disk, BlobRef replica, long fromBlock, long totalBlocks) {
    if (bases == null) {
      return DataRanges.allocatedOnEither(
          azure, caller, disk.snapshot(), replica, fromBlock, totalBlocks);
    }
    DataRanges changed = changedSince(bases.get(0), disk, fromBlock, totalBlocks);
    for (VmCut inTransit : bases.subList(1, bases.size())) {
      inTransit.disks().stream()
          .filter(shipped -> shipped.slot().equals(disk.slot()))
          .findFirst()
          .ifPresent(
              shipped -> changed.with(changedSince(bases.get(0), shipped, fromBlock, totalBlocks)));
    }
    return changed;
  }

  /** The blocks of {@code disk} in its cut changed since {@code base}, a cut of the same VM. */
  private DataRanges changedSince(VmCut base, CutDisk disk, long fromBlock, long totalBlocks) {
    // A disk the base cut did not have was empty then: all it holds is new.
    return base.disks().stream()
        .filter(held -> held.slot().equals(disk.slot()))
        .findFirst()
        .map(
            held ->
                DataRanges.changedSince(
                    azure, caller, disk.snapshot(), held.snapshot(), fromBlock, totalBlocks))
        .orElseGet(
            () -> DataRanges.allocated(azure, caller, disk.snapshot(), fromBlock, totalBlocks));
  }
}
