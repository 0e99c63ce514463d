package dev.reprotect.activities.scrub;

import dev.reprotect.activities.ActivityCaller;
import dev.reprotect.activities.AzureFailures;
import dev.reprotect.activities.ReplicationErrorCode;
import dev.reprotect.activities.ReprotectErrorCode;
import dev.reprotect.activities.ReprotectRefusal;
import dev.reprotect.activities.data.DataRanges;
import dev.reprotect.activities.data.HeartbeatPace;
import dev.reprotect.activities.data.RangeDiff;
import dev.reprotect.activities.data.ReliableTransfer;
import dev.reprotect.activities.replication.ItemRef;
import dev.reprotect.activities.sync.InitialSyncActivitiesImpl;
import dev.reprotect.azure.AzureBackend;
import dev.reprotect.azure.AzureErrorCode;
import dev.reprotect.azure.AzureException;
import dev.reprotect.azure.BlobRef;
import dev.reprotect.azure.Caller;
import dev.reprotect.azure.Cuts;
import dev.reprotect.azure.RecoveryPoint;
import dev.reprotect.azure.ReplicatedItem;
import dev.reprotect.azure.ScrubRecord;
import dev.reprotect.azure.VmCut;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.failure.ApplicationFailure;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The scrub: the full read that the hot path no longer does. A cycle verifies a replica from the
 * hashes storage recorded as it wrote each block, which misses a block damaged at rest since; the
 * scrub reads every allocated byte of a recovery point and of the source cut it was made from, each
 * side hashing its own bytes in its own region, and compares the hash lists.
 *
 * <p>It compares immutable things only, so it never races a cycle: the point's snapshots against
 * the cut's, both held by snapshots of the scrub's own (metadata only) while it reads, so that the
 * cycle that deletes the cut and the prune that deletes the point take nothing from under it.
 *
 * <p>Repair: a block that differs is resent from the source cut into the scrub's snapshot of the
 * point. A snapshot shares its blob's pages (storage keeps a block once per region, however many
 * blobs hold it), so the damaged block the point, the replica and every later point still holding
 * it read is the one rewritten: the next failover, to this point or a later one, reads the right
 * bytes. The live replica is never written here, so a cycle writing it meanwhile is never undone; a
 * block a cycle changed since the point is no longer shared and was rewritten by that cycle. The
 * repaired blocks are then read and compared again; still different (storage that keeps damaging
 * them), the disk fails with {@code ReplicaMismatch}.
 */
public final class ScrubActivitiesImpl implements ScrubActivities {
  /**
   * The share of a disk's throughput a scrub takes: reads and writes of one disk share its cap, and
   * the scrub is background work that must not starve the replication's cycles. After each range it
   * stays idle three times as long as the range took to read.
   */
  public static final double DISK_SHARE = 0.25;

  /** How often the points are listed before a scrub finds none to hold. */
  static final int LISTINGS = 3;

  /** The container, in each side's storage account, of the scrubs' snapshots. */
  public static final String CONTAINER = "scrubs";

  private final AzureBackend azure;
  private final int blocksPerRange;

  @Inject
  public ScrubActivitiesImpl(
      AzureBackend azure, @Named(InitialSyncActivitiesImpl.BLOCKS_PER_RANGE) int blocksPerRange) {
    this.azure = azure;
    this.blocksPerRange = blocksPerRange;
  }

  @Override
  public HeldPoint holdNewestPoint(ItemRef ref) {
    return AzureFailures.translated(
        null,
        () -> {
          if (azure.recoveryServices().vault(ref.vault()).isEmpty()) {
            throw ApplicationFailure.newNonRetryableFailure(
                "no vault " + ref.vault() + " in this subscription; nothing was changed",
                ScrubErrorCode.VaultNotFound.name());
          }
          ReplicatedItem item =
              azure
                  .recoveryServices()
                  .replicatedItem(ref.vault(), ref.vm())
                  .orElseThrow(
                      () ->
                          new ReprotectRefusal(
                              ReprotectErrorCode.ItemNotFound,
                              "vault " + ref.vault() + " has no replicated item " + ref.vm()));
          Caller caller = ActivityCaller.current();
          List<RecoveryPoint> newestFirst = List.of();
          // A cycle deletes a cut once it made a newer point: a listing whose points all lost their
          // cuts while they were being held is followed by one that has the newer point.
          for (int listing = 0; listing < LISTINGS; listing++) {
            newestFirst =
                azure.recoveryServices().recoveryPoints(ref.vault(), ref.vm()).stream()
                    .sorted(Comparator.comparing(RecoveryPoint::time).reversed())
                    .toList();
            for (RecoveryPoint point : newestFirst) {
              Optional<VmCut> cut =
                  point.cutId() == null
                      ? Optional.empty()
                      : new Cuts(azure)
                          .find(item.source().resourceGroup(), item.name(), point.cutId());
              Optional<HeldPoint> held = cut.flatMap(found -> hold(caller, item, point, found));
              if (held.isPresent()) {
                return held.get();
              }
            }
          }
          throw ApplicationFailure.newNonRetryableFailure(
              String.format(
                  "%s has no recovery point whose source cut still exists (%d points): nothing to "
                      + "compare; nothing was changed",
                  ref.vm(), newestFirst.size()),
              ScrubErrorCode.NoRecoveryPoint.name());
        });
  }

  /** Snapshots the point's and the cut's disks; empty when either went meanwhile. */
  private Optional<HeldPoint> hold(
      Caller caller, ReplicatedItem item, RecoveryPoint point, VmCut cut) {
    List<ScrubDisk> disks = new ArrayList<>();
    try {
      for (Map.Entry<String, BlobRef> disk : point.disksBySlot().entrySet()) {
        String name = item.name() + "." + point.id() + "." + disk.getKey() + ".vhd";
        BlobRef cutDisk = cut.disk(disk.getKey()).snapshot();
        BlobRef source = new BlobRef(cutDisk.storageAccount(), CONTAINER, name);
        BlobRef replica = new BlobRef(disk.getValue().storageAccount(), CONTAINER, name);
        // Azure snapshots no snapshot (a cut's and a point's disks are snapshots): the scrub
        // holds copies of its own, in-region copies charged as such, which a repair writes.
        azure.storage().copyBlob(caller, cutDisk, source);
        azure.storage().copyBlob(caller, disk.getValue(), replica);
        disks.add(new ScrubDisk(disk.getKey(), source, replica, item.source().region()));
      }
    } catch (AzureException gone) {
      if (gone.code() != AzureErrorCode.ResourceNotFound) {
        throw gone;
      }
      // Pruned or deleted by a cycle while it was being held: the next newest point is scrubbed.
      release(caller, disks);
      return Optional.empty();
    }
    return Optional.of(
        new HeldPoint(
            item.vault(),
            item.name(),
            point.id(),
            cut.id(),
            point.time(),
            item.source().region(),
            item.target().region(),
            disks));
  }

  @Override
  public DiskScrubbed scrubDisk(ScrubDisk disk) {
    return AzureFailures.translated(null, () -> scrub(disk));
  }

  private DiskScrubbed scrub(ScrubDisk disk) {
    ActivityExecutionContext context = Activity.getExecutionContext();
    Caller caller = ActivityCaller.current();
    int blockSize = azure.storage().blockSize();
    long sizeBytes =
        azure
            .storage()
            .blob(disk.source())
            .orElseThrow(() -> AzureException.notFound("scrub snapshot " + disk.source()))
            .sizeBytes();
    long totalBlocks = sizeBytes / blockSize;
    ScrubProgress progress =
        HeartbeatPace.resumedOr(ScrubProgress.class, ScrubProgress.start(totalBlocks, blockSize));
    long resumedFrom = progress.nextBlock();
    HeartbeatPace pace = HeartbeatPace.ofCurrentActivity();
    DataRanges data =
        DataRanges.allocatedOnEither(
            azure, caller, disk.source(), disk.replica(), resumedFrom, totalBlocks);
    for (long from = data.nextRange(resumedFrom, blocksPerRange, totalBlocks);
        from < totalBlocks;
        from = data.nextRange(progress.nextBlock(), blocksPerRange, totalBlocks)) {
      long to = Math.min(from + blocksPerRange, totalBlocks);
      long started = System.nanoTime();
      RangeDiff diff = compare(caller, disk, pace, progress, from, to);
      Duration read = Duration.ofNanos(System.nanoTime() - started);
      long bytes = diff.blocksHashed() * blockSize;
      if (!diff.differing().isEmpty()) {
        bytes += repair(caller, disk, pace, progress, diff.differing()) * blockSize;
      }
      // Heartbeated once the range is compared and repaired: a retry resumes after it.
      progress = progress.advance(to, bytes, diff.differing().size());
      context.heartbeat(progress);
      if (to < totalBlocks) {
        pace.idle(progress, pauseAfter(read));
      }
    }
    return new DiskScrubbed(
        disk.slot(), sizeBytes, progress.bytesCompared(), progress.blocksRepaired(), resumedFrom);
  }

  private RangeDiff compare(
      Caller caller,
      ScrubDisk disk,
      HeartbeatPace pace,
      ScrubProgress progress,
      long from,
      long to) {
    return pace.whileReading(
        progress,
        () ->
            RangeDiff.of(
                azure, caller, disk.source(), disk.replica(), from, to, disk.sourceRegion()));
  }

  /**
   * Resends the differing blocks from the source once, then reads them again on both sides; returns
   * the blocks hashed again. Any still different fail the disk.
   */
  private long repair(
      Caller caller,
      ScrubDisk disk,
      HeartbeatPace pace,
      ScrubProgress progress,
      List<Long> differing) {
    long last = differing.get(differing.size() - 1);
    pace.sendRange(
        progress,
        differing,
        last + 1,
        (unchanged, batch, reached) -> {
          ReliableTransfer.send(azure, caller, disk.source(), disk.replica(), batch);
          return unchanged;
        });
    RangeDiff again = compare(caller, disk, pace, progress, differing.get(0), last + 1);
    if (!again.differing().isEmpty()) {
      throw ApplicationFailure.newNonRetryableFailure(
          String.format(
              "disk %s: %d of the %d blocks that differed from the source (%s) still differ after "
                  + "they were resent, first block %d",
              disk.slot(),
              again.differing().size(),
              differing.size(),
              disk.source(),
              again.differing().get(0)),
          ReplicationErrorCode.ReplicaMismatch.name());
    }
    return again.blocksHashed();
  }

  /** How long to stay off the disk after a range that took {@code read}: see DISK_SHARE. */
  static Duration pauseAfter(Duration read) {
    return Duration.ofNanos((long) (read.toNanos() * (1 / DISK_SHARE - 1)));
  }

  @Override
  public void releasePoint(HeldPoint held) {
    AzureFailures.translated(null, () -> release(ActivityCaller.current(), held.disks()));
  }

  private void release(Caller caller, List<ScrubDisk> disks) {
    for (ScrubDisk disk : disks) {
      azure.storage().deleteBlob(caller, disk.source());
      azure.storage().deleteBlob(caller, disk.replica());
    }
  }

  @Override
  public void recordScrub(ItemRef item, ScrubRecord scrub) {
    AzureFailures.translated(
        null,
        () -> {
          azure
              .recoveryServices()
              .recordScrub(ActivityCaller.current(), item.vault(), item.vm(), scrub);
        });
  }
}
