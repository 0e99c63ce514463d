package dev.reprotect.activities.replication;

import dev.reprotect.activities.ActivityCaller;
import dev.reprotect.activities.AzureFailures;
import dev.reprotect.activities.data.DataRanges;
import dev.reprotect.activities.data.HeartbeatPace;
import dev.reprotect.activities.data.RangeDiff;
import dev.reprotect.activities.data.ReliableTransfer;
import dev.reprotect.activities.data.ReplicaVerification;
import dev.reprotect.activities.sync.InitialSyncActivitiesImpl;
import dev.reprotect.azure.AzureBackend;
import dev.reprotect.azure.AzureException;
import dev.reprotect.azure.BlobRef;
import dev.reprotect.azure.BlockTransfer;
import dev.reprotect.azure.Caller;
import dev.reprotect.azure.CutDisk;
import dev.reprotect.azure.Cuts;
import dev.reprotect.azure.RecoveryPointPruning;
import dev.reprotect.azure.ReplicaCuts;
import dev.reprotect.azure.ReplicaDisk;
import dev.reprotect.azure.ReplicatedItem;
import dev.reprotect.azure.VmCut;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One replication cycle against the backend. The changed blocks are found in the source region
 * (the page-range diff of two cuts' snapshots, listed in one call per page of ranges), staged in
 * the cache storage account of the source region (an in-region copy that shares the cut's
 * blocks), shipped from there to the replicas (what crosses regions, metered), and each replica
 * is verified from its bytes against its cut.
 */
public final class ReplicationCycleActivitiesImpl implements ReplicationCycleActivities {
  /** The container of the cache storage account where a cycle stages its changed blocks. */
  public static final String STAGING_CONTAINER = "staging";

  private final AzureBackend azure;
  private final Cuts cuts;
  private final int blocksPerRange;

  @Inject
  public ReplicationCycleActivitiesImpl(
      AzureBackend azure, @Named(InitialSyncActivitiesImpl.BLOCKS_PER_RANGE) int blocksPerRange) {
    this.azure = azure;
    this.cuts = new Cuts(azure);
    this.blocksPerRange = blocksPerRange;
  }

  @Override
  public ItemProtection itemProtection(ItemRef ref) {
    return AzureFailures.translated(null, () -> {
      ReplicatedItem item = item(ref.vault(), ref.vm());
      return new ItemProtection(item.state().name(), item.lastScrub());
    });
  }

  /**
   * The guest agent holds the VM's writes (quiescing its applications when asked), each disk is
   * snapshotted, the agent releases ({@link Cuts#take}); a retry finds the cut, or completes it.
   * An agent that does not answer fails it with {@code GuestAgentUnresponsive}, not retried: the
   * cycle takes no cut and records why, the next one tries again.
   */
  @Override
  public CutTaken takeCut(TakeCut request) {
    ReplicatedItem item = item(request.vault(), request.vm());
    return AzureFailures.translated(item.target().region(), () -> {
      VmCut cut = cuts.take(ActivityCaller.current(), item.source().resourceGroup(),
          request.vm(), request.cutId(), request.appConsistent());
      return new CutTaken(request.cutId(), cut.appConsistent(), cut.disks(),
          request.appConsistent() && !cut.appConsistent(), cut.time());
    });
  }

  @Override
  public CycleShipment shipCut(ShipCut request) {
    ReplicatedItem item = item(request.vault(), request.vm());
    return AzureFailures.translated(item.target().region(), () -> ship(item, request));
  }

  private CycleShipment ship(ReplicatedItem item, ShipCut request) {
    ActivityExecutionContext context = Activity.getExecutionContext();
    Caller caller = ActivityCaller.current();
    String group = item.source().resourceGroup();
    VmCut cut = cut(group, request.vm(), request.cutId());
    ShipmentProgress progress = context.getHeartbeatDetails(ShipmentProgress.class)
        .orElse(ShipmentProgress.start());
    ReplicaCuts held = replicaCuts(item, request);
    List<VmCut> bases = held == null ? null : basesOf(group, request, held);
    if (held != null) {
      // Recorded before the first block is written: a shipment that stops half way leaves
      // blocks of this cut on the replicas, which every later shipment must send again.
      azure.recoveryServices().recordReplicaCuts(caller, request.vault(), request.vm(),
          held.shipping(request.cutId()));
    }
    List<ReplicaDisk> replicas = item.replicaDisks();
    HeartbeatPace pace = HeartbeatPace.ofCurrentActivity();
    while (progress.disk() < replicas.size()) {
      ReplicaDisk replica = replicas.get(progress.disk());
      CutDisk disk = cut.disk(replica.slot());
      BlobRef staging = prepare(caller, item, request, disk, replica.replica());
      long totalBlocks = disk.sizeBytes() / azure.storage().blockSize();
      DataRanges candidates = candidates(
          caller, bases, disk, replica.replica(), progress.nextBlock(), totalBlocks);
      long from = candidates.nextRange(progress.nextBlock(), blocksPerRange, totalBlocks);
      while (from < totalBlocks) {
        long to = Math.min(from + blocksPerRange, totalBlocks);
        long start = from;
        ChangedRange changed = bases == null
            ? pace.whileReading(progress,
                () -> compared(caller, item, disk, replica.replica(), start, to))
            : new ChangedRange(candidates.blocksIn(from, to), 0);
        // Between two batches: a safe point, and where a retry resumes.
        progress = pace.sendRange(progress.advance(from, 0, 0, changed.meteredBytes()),
            changed.blocks(), to, (sent, batch, reached) -> {
              BlockTransfer staged =
                  ReliableTransfer.send(azure, caller, disk.snapshot(), staging, batch);
              BlockTransfer shipped =
                  ReliableTransfer.send(azure, caller, staging, replica.replica(), batch);
              return sent.advance(reached, batch.size(),
                  staged.blocksCopied() * azure.storage().blockSize(), shipped.meteredBytes());
            });
        from = candidates.nextRange(progress.nextBlock(), blocksPerRange, totalBlocks);
      }
      ReplicaVerification.Verified verified = ReplicaVerification.verify(azure, caller,
          disk.snapshot(), replica.replica(), item.source().region(), blocksPerRange, pace,
          progress);
      azure.storage().deleteBlob(caller, staging);
      progress = progress.nextDisk(verified.blocksRepaired(), verified.meteredBytes());
      context.heartbeat(progress);
    }
    azure.recoveryServices().recordReplicaCuts(
        caller, request.vault(), request.vm(), ReplicaCuts.at(request.cutId()));
    return progress.shipment();
  }

  /**
   * What the replicas hold, as the item records it (the truth: every shipment records it), or,
   * for an item replicated before it was, the base its cycle names; null when neither knows.
   */
  private static ReplicaCuts replicaCuts(ReplicatedItem item, ShipCut request) {
    if (item.replicaCuts() != null) {
      return item.replicaCuts();
    }
    return request.baseCutId() == null ? null : ReplicaCuts.at(request.baseCutId());
  }

  /**
   * The replicas' base cut first, then the cuts that may have reached them in part, whose
   * changes since the base are sent too; null (compare every allocated block by hash) when one
   * of them is gone, as a failover's cut is once its point is made.
   */
  private List<VmCut> basesOf(String group, ShipCut request, ReplicaCuts held) {
    List<VmCut> bases = new ArrayList<>();
    List<String> inTransit = held.inTransit().stream()
        .filter(cutId -> !cutId.equals(request.cutId())).toList();
    for (String cutId : Stream.concat(Stream.of(held.base()), inTransit.stream()).toList()) {
      Optional<VmCut> found = cuts.find(group, request.vm(), cutId);
      if (found.isEmpty()) {
        return null;
      }
      bases.add(found.get());
    }
    return bases;
  }

  /**
   * The replica has the cut's size (a resized source disk resizes it), and an empty staging
   * blob of that size waits in the cache account.
   */
  private BlobRef prepare(
      Caller caller, ReplicatedItem item, ShipCut request, CutDisk disk, BlobRef replica) {
    if (azure.storage().blob(replica).orElseThrow(() -> AzureException.notFound(
        "replica " + replica)).sizeBytes() != disk.sizeBytes()) {
      azure.storage().resizePageBlob(caller, replica, disk.sizeBytes());
    }
    BlobRef staging = new BlobRef(item.cacheStorageAccount(), STAGING_CONTAINER,
        request.vm() + "." + request.cutId() + "." + disk.slot() + ".vhd");
    if (azure.storage().blob(staging).isEmpty()) {
      azure.storage().createPageBlob(caller, staging, disk.sizeBytes());
    }
    return staging;
  }

  /** The blocks to ship in a range, and what finding them cost across regions. */
  private record ChangedRange(List<Long> blocks, long meteredBytes) {}

  /**
   * The blocks that may have to ship from {@code fromBlock} on. With the replicas' base cut, the
   * page-range diff of the cut's snapshot against the base's, with the diffs against the base of
   * the cuts in transit (blocks they may have written): found in the source region from the cuts
   * alone, exactly the blocks to ship. Without one (the replicas hold no known cut), the blocks
   * allocated on either side, whose hashes are then compared range by range.
   */
  private DataRanges candidates(Caller caller, List<VmCut> bases, CutDisk disk,
      BlobRef replica, long fromBlock, long totalBlocks) {
    if (bases == null) {
      return DataRanges.allocatedOnEither(
          azure, caller, disk.snapshot(), replica, fromBlock, totalBlocks);
    }
    DataRanges changed = changedSince(caller, bases.get(0), disk, fromBlock, totalBlocks);
    for (VmCut inTransit : bases.subList(1, bases.size())) {
      inTransit.disks().stream().filter(shipped -> shipped.slot().equals(disk.slot()))
          .findFirst().ifPresent(shipped -> changed.with(
              changedSince(caller, bases.get(0), shipped, fromBlock, totalBlocks)));
    }
    return changed;
  }

  /** The blocks of {@code disk} in its cut changed since {@code base}, a cut of the same VM. */
  private DataRanges changedSince(Caller caller, VmCut base, CutDisk disk, long fromBlock,
      long totalBlocks) {
    // A disk the base cut did not have was empty then: all it holds is new.
    return base.disks().stream().filter(held -> held.slot().equals(disk.slot())).findFirst()
        .map(held -> DataRanges.changedSince(
            azure, caller, disk.snapshot(), held.snapshot(), fromBlock, totalBlocks))
        .orElseGet(() -> DataRanges.allocated(
            azure, caller, disk.snapshot(), fromBlock, totalBlocks));
  }

  /** The blocks of a range whose hashes differ between the cut and the replica. */
  private ChangedRange compared(Caller caller, ReplicatedItem item, CutDisk disk, BlobRef replica,
      long from, long to) {
    RangeDiff diff = RangeDiff.of(
        azure, caller, disk.snapshot(), replica, from, to, item.source().region());
    return new ChangedRange(diff.differing(), diff.meteredBytes());
  }

  @Override
  public RecoveryPointTaken createRecoveryPoint(CreateRecoveryPoint request) {
    ReplicatedItem item = item(request.vault(), request.vm());
    return AzureFailures.translated(item.target().region(), () -> {
      azure.recoveryServices().createRecoveryPoint(ActivityCaller.current(), request.vault(),
          request.vm(), request.pointId(), request.kind(), request.cutId());
      return new RecoveryPointTaken(request.pointId());
    });
  }

  @Override
  public void deleteCut(DeleteCut request) {
    ReplicatedItem item = item(request.vault(), request.vm());
    AzureFailures.translated(item.target().region(), () -> cuts.delete(
        ActivityCaller.current(), item.source().resourceGroup(), request.vm(), request.cutId()));
  }

  @Override
  public RecoveryPointPruning deleteRecoveryPoints(DeleteRecoveryPoints request) {
    return AzureFailures.translated(null, () -> azure.recoveryServices().pruneRecoveryPoints(
        ActivityCaller.current(), request.vault(), request.vm(), request.pointIds()));
  }

  private VmCut cut(String group, String vm, String cutId) {
    return cuts.find(group, vm, cutId)
        .orElseThrow(() -> AzureException.notFound("cut " + cutId + " of " + vm));
  }

  private ReplicatedItem item(String vault, String vm) {
    return AzureFailures.translated(null, () -> azure.recoveryServices().replicatedItem(vault, vm)
        .orElseThrow(() -> AzureException.notFound("replicated item " + vault + "/" + vm)));
  }
}
