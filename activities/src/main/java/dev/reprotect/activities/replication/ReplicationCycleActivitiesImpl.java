package dev.reprotect.activities.replication;

import dev.reprotect.activities.ActivityCaller;
import dev.reprotect.activities.AzureFailures;
import dev.reprotect.activities.data.HeartbeatPace;
import dev.reprotect.activities.sync.InitialSyncActivitiesImpl;
import dev.reprotect.azure.AzureBackend;
import dev.reprotect.azure.AzureErrorCode;
import dev.reprotect.azure.AzureException;
import dev.reprotect.azure.Caller;
import dev.reprotect.azure.Cuts;
import dev.reprotect.azure.RecoveryPointPruning;
import dev.reprotect.azure.ReplicaCuts;
import dev.reprotect.azure.ReplicaDisk;
import dev.reprotect.azure.ReplicatedItem;
import dev.reprotect.azure.VmCut;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.failure.ApplicationFailure;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * One replication cycle against the backend. The changed blocks are found in the source region (the
 * page-range diff of two cuts' snapshots, listed in one call per page of ranges), staged in the
 * cache storage account of the source region (an in-region copy that shares the cut's blocks),
 * shipped from there to the replicas (what crosses regions, metered), and each replica is verified
 * from its bytes against its cut. The disks of a cut ship at once, each with several ranges in
 * flight ({@link CutShipper}), inside the one activity.
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
    return AzureFailures.translated(
        null,
        () -> {
          ReplicatedItem item = item(ref.vault(), ref.vm());
          return new ItemProtection(item.state().name(), item.lastScrub());
        });
  }

  /**
   * The guest agent holds the VM's writes (quiescing its applications when asked), each disk is
   * snapshotted, the agent releases ({@link Cuts#take}); a retry finds the cut, or completes it. An
   * agent that does not answer fails it with {@code GuestAgentUnresponsive}: a cycle's cut is not
   * retried (the cycle takes no cut and records why, the next one tries again), while cut 0 of a
   * protection is, within its step's bound, since the job has no next cycle: an agent that is
   * starting, or busy, answers a later attempt.
   */
  @Override
  public CutTaken takeCut(TakeCut request) {
    ReplicatedItem item = item(request.vault(), request.vm());
    return AzureFailures.translated(
        item.target().region(),
        () -> {
          Caller caller = ActivityCaller.current();
          if (request.firstOfAProtection()) {
            // Only the source VM's own cuts, in its region's accounts: a failover's lineage keeps
            // the stale VM's, in the other region, which this never lists.
            cuts.deleteAllBut(
                caller, item.source().resourceGroup(), request.vm(), request.cutId(), Set.of());
          }
          VmCut cut;
          try {
            cut =
                cuts.take(
                    caller,
                    item.source().resourceGroup(),
                    request.vm(),
                    request.cutId(),
                    request.appConsistent());
          } catch (AzureException unanswered) {
            if (!request.firstOfAProtection()
                || unanswered.code() != AzureErrorCode.GuestAgentUnresponsive) {
              throw unanswered;
            }
            throw ApplicationFailure.newFailure(
                unanswered.getMessage()
                    + "; cut 0 of the protection is tried again until its step's bound",
                unanswered.code().name());
          }
          return new CutTaken(
              request.cutId(),
              cut.appConsistent(),
              cut.disks(),
              request.appConsistent() && !cut.appConsistent(),
              cut.time());
        });
  }

  @Override
  public ReplicaAdded addReplicaDisk(AddReplicaDisk request) {
    ReplicatedItem item = item(request.vault(), request.vm());
    return AzureFailures.translated(
        item.target().region(),
        () -> new DiskAddition(azure, cuts).add(ActivityCaller.current(), item, request));
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
    List<ReplicaDisk> replicas = DiskSetChange.shippable(cut, item.replicaDisks());
    List<String> slots = replicas.stream().map(ReplicaDisk::slot).toList();
    ShipmentLedger ledger = new ShipmentLedger(resumed(context, slots), slots);
    ReplicaCuts held = replicaCuts(item, request);
    List<VmCut> bases = held == null ? null : basesOf(group, request, held);
    if (held != null) {
      // Recorded before the first block is written: a shipment that stops half way leaves
      // blocks of this cut on the replicas, which every later shipment must send again.
      azure
          .recoveryServices()
          .recordReplicaCuts(caller, request.vault(), request.vm(), held.shipping(request.cutId()));
    }
    Duration budget = HeartbeatPace.budgetOfCurrentActivity();
    CutShipper shipper =
        new CutShipper(azure, caller, item, request, bases, blocksPerRange, budget);
    List<ParallelShipment.Disk> disks =
        replicas.stream()
            .<ParallelShipment.Disk>map(
                replica ->
                    (shipping, lanes) ->
                        shipper.ship(cut.disk(replica.slot()), replica, shipping, lanes))
            .toList();
    ShipmentProgress shipped =
        ParallelShipment.run(
            context, ledger, disks, budget, "ship-" + request.vm() + "-" + request.cutId());
    azure
        .recoveryServices()
        .recordReplicaCuts(caller, request.vault(), request.vm(), ReplicaCuts.at(request.cutId()));
    return shipped
        .shipment()
        .withDiskSetChange(DiskSetChange.between(cut, item.replicaDisks()).orElse(null));
  }

  /**
   * Where the last attempt got, disk by disk: heartbeated per disk, or, by a worker that shipped
   * the disks one after the other, as the disk it was on and that disk's next block.
   */
  private static ShipmentProgress resumed(ActivityExecutionContext context, List<String> slots) {
    Optional<ShipmentProgress> perDisk =
        context
            .getHeartbeatDetails(ShipmentProgress.class)
            .filter(progress -> progress.disks() != null);
    if (perDisk.isPresent()) {
      return perDisk.get();
    }
    return context
        .getHeartbeatDetails(SerialShipmentProgress.class)
        .map(serial -> serial.perDisk(slots))
        .orElseGet(() -> new ShipmentProgress(List.of()));
  }

  /**
   * What the replicas hold, as the item records it (the truth: every shipment records it), or, for
   * an item replicated before it was, the base its cycle names; null when neither knows.
   */
  private static ReplicaCuts replicaCuts(ReplicatedItem item, ShipCut request) {
    if (item.replicaCuts() != null) {
      return item.replicaCuts();
    }
    return request.baseCutId() == null ? null : ReplicaCuts.at(request.baseCutId());
  }

  /**
   * The replicas' base cut first, then the cuts that may have reached them in part, whose changes
   * since the base are sent too; null (compare every allocated block by hash) when one of them is
   * gone, as a failover's cut was once its point was made, before failovers kept it.
   */
  private List<VmCut> basesOf(String group, ShipCut request, ReplicaCuts held) {
    List<VmCut> bases = new ArrayList<>();
    List<String> inTransit =
        held.inTransit().stream().filter(cutId -> !cutId.equals(request.cutId())).toList();
    for (String cutId : Stream.concat(Stream.of(held.base()), inTransit.stream()).toList()) {
      Optional<VmCut> found = cuts.find(group, request.vm(), cutId);
      if (found.isEmpty()) {
        return null;
      }
      bases.add(found.get());
    }
    return bases;
  }

  @Override
  public RecoveryPointTaken createRecoveryPoint(CreateRecoveryPoint request) {
    ReplicatedItem item = item(request.vault(), request.vm());
    return AzureFailures.translated(
        item.target().region(),
        () -> {
          azure
              .recoveryServices()
              .createRecoveryPoint(
                  ActivityCaller.current(),
                  request.vault(),
                  request.vm(),
                  request.pointId(),
                  request.kind(),
                  request.cutId());
          return new RecoveryPointTaken(request.pointId());
        });
  }

  @Override
  public void deleteCut(DeleteCut request) {
    ReplicatedItem item = item(request.vault(), request.vm());
    AzureFailures.translated(
        item.target().region(),
        () ->
            cuts.delete(
                ActivityCaller.current(),
                item.source().resourceGroup(),
                request.vm(),
                request.cutId()));
  }

  @Override
  public RecoveryPointPruning deleteRecoveryPoints(DeleteRecoveryPoints request) {
    return AzureFailures.translated(
        null,
        () ->
            azure
                .recoveryServices()
                .pruneRecoveryPoints(
                    ActivityCaller.current(), request.vault(), request.vm(), request.pointIds()));
  }

  private VmCut cut(String group, String vm, String cutId) {
    return cuts.find(group, vm, cutId)
        .orElseThrow(() -> AzureException.notFound("cut " + cutId + " of " + vm));
  }

  private ReplicatedItem item(String vault, String vm) {
    return AzureFailures.translated(
        null,
        () ->
            azure
                .recoveryServices()
                .replicatedItem(vault, vm)
                .orElseThrow(() -> AzureException.notFound("replicated item " + vault + "/" + vm)));
  }
}
