package dev.reprotect.workflows.replication;

import dev.reprotect.activities.replication.AddReplicaDisk;
import dev.reprotect.activities.replication.CreateRecoveryPoint;
import dev.reprotect.activities.replication.CutTaken;
import dev.reprotect.activities.replication.CycleShipment;
import dev.reprotect.activities.replication.DeleteCut;
import dev.reprotect.activities.replication.DeleteRecoveryPoints;
import dev.reprotect.activities.replication.ItemProtection;
import dev.reprotect.activities.replication.ItemRef;
import dev.reprotect.activities.replication.RecoveryPointTaken;
import dev.reprotect.activities.replication.ReplicaAdded;
import dev.reprotect.activities.replication.ReplicationCycleActivities;
import dev.reprotect.activities.replication.ShipCut;
import dev.reprotect.activities.replication.TakeCut;
import dev.reprotect.azure.BlobRef;
import dev.reprotect.azure.RecoveryPointPruning;
import dev.reprotect.azure.RecoveryPointType;
import io.temporal.activity.Activity;
import io.temporal.failure.ApplicationFailure;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * An in-memory backend of the cycle's activities that keeps the items' cuts, replicas and points,
 * refuses what a real backend could not do (a diff from a base the replicas do not hold, a point of
 * a cut they do not hold), records every call with the test clock, and can fail shipments during a
 * time window or hold them at a gate.
 */
final class FakeReplicationActivities implements ReplicationCycleActivities {
  record Call(Instant time, String vm, String activity, Object request) {}

  record Point(String id, RecoveryPointType type, String cutId) {}

  private static final class Item {
    String protection = "Protected";
    final Set<String> cuts = new LinkedHashSet<>();
    String replicaCut;
    final Map<String, Point> points = new LinkedHashMap<>();
    String pinnedPoint;
    String diskSetChange;
  }

  private final LongSupplier clock;
  private final Map<String, Item> items = new HashMap<>();
  private final List<Call> calls = new ArrayList<>();
  private Instant outageFrom = Instant.MAX;
  private Instant outageUntil = Instant.MAX;
  private static final long HELD_HEARTBEAT_MILLIS = 20;
  private volatile Semaphore shipGate;
  private volatile boolean heartbeatWhileHeld;
  private final Semaphore shipEntered = new Semaphore(0);
  private final List<String> shipmentQueues = new CopyOnWriteArrayList<>();

  FakeReplicationActivities(LongSupplier clock) {
    this.clock = clock;
  }

  /** An item protected by reprotect: its replicas hold {@code cutId}; its points, oldest first. */
  synchronized void protect(String vm, String cutId, List<RecoveryPointInfo> points) {
    Item item = new Item();
    item.cuts.add(cutId);
    item.replicaCut = cutId;
    points.forEach(
        point -> item.points.put(point.id(), new Point(point.id(), point.type(), point.cutId())));
    items.put(vm, item);
  }

  /** What the shipments of {@code vm} say of its disks from now on (null: its replicas' ones). */
  synchronized void diskSetChange(String vm, String change) {
    item(vm).diskSetChange = change;
  }

  /** {@code pointId} pinned, as a failover's choice pins it (null: the pin released). */
  synchronized void pin(String vm, String pointId) {
    items.get(vm).pinnedPoint = pointId;
  }

  synchronized void setProtection(String vm, String state) {
    items.get(vm).protection = state;
  }

  /** Shipments to the target region fail in [from, until). */
  synchronized void targetOutage(Instant from, Instant until) {
    outageFrom = from;
    outageUntil = until;
  }

  /**
   * Shipments wait for {@link #releaseShipment()} from now on, heartbeating as a live shipment
   * does, so that a cancellation ends them.
   */
  void holdShipments() {
    shipGate = new Semaphore(0);
    heartbeatWhileHeld = true;
  }

  /**
   * Shipments wait for {@link #releaseShipment()} from now on, as in a backend call that hangs: no
   * heartbeat, so a cancellation reaches them only once released.
   */
  void holdShipmentsInAHungCall() {
    shipGate = new Semaphore(0);
    heartbeatWhileHeld = false;
  }

  /** The task queue of every shipment that reached this fake, held ones included, in order. */
  List<String> shipmentQueues() {
    return List.copyOf(shipmentQueues);
  }

  void awaitShipmentHeld() throws InterruptedException {
    shipEntered.acquire();
  }

  void releaseShipment() {
    shipGate.release();
  }

  synchronized List<Point> points(String vm) {
    return List.copyOf(items.get(vm).points.values());
  }

  synchronized Set<String> cuts(String vm) {
    return Set.copyOf(items.get(vm).cuts);
  }

  synchronized List<Call> calls(String vm, String activity) {
    return calls.stream().filter(c -> c.vm().equals(vm) && c.activity().equals(activity)).toList();
  }

  @Override
  public synchronized ItemProtection itemProtection(ItemRef request) {
    record(request.vm(), "itemProtection", request);
    return new ItemProtection(item(request.vm()).protection, null);
  }

  @Override
  public synchronized CutTaken takeCut(TakeCut request) {
    record(request.vm(), "takeCut", request);
    item(request.vm()).cuts.add(request.cutId());
    return new CutTaken(request.cutId(), request.appConsistent(), List.of(), false, null);
  }

  @Override
  public CycleShipment shipCut(ShipCut request) {
    shipmentQueues.add(Activity.getExecutionContext().getInfo().getActivityTaskQueue());
    Semaphore gate = shipGate;
    if (gate != null) {
      shipEntered.release();
      if (heartbeatWhileHeld) {
        awaitHeartbeating(gate);
      } else {
        gate.acquireUninterruptibly();
      }
    }
    synchronized (this) {
      Instant now = record(request.vm(), "shipCut", request);
      if (!now.isBefore(outageFrom) && now.isBefore(outageUntil)) {
        throw ApplicationFailure.newFailure(
            "the target region is unavailable", "RegionUnavailable");
      }
      Item item = item(request.vm());
      if (!Objects.equals(item.replicaCut, request.baseCutId())
          || !item.cuts.contains(request.baseCutId())
          || !item.cuts.contains(request.cutId())) {
        throw ApplicationFailure.newNonRetryableFailure(
            "the replicas hold "
                + item.replicaCut
                + ", not "
                + request.baseCutId()
                + "; cuts "
                + item.cuts,
            "WrongBase");
      }
      item.replicaCut = request.cutId();
      return new CycleShipment(3, 3 * 65536, 3 * 65536, 0, item.diskSetChange);
    }
  }

  /** A disk of the VM is added as the replicas' base holds it; one named "missing" is none. */
  @Override
  public synchronized ReplicaAdded addReplicaDisk(AddReplicaDisk request) {
    record(request.vm(), "addReplicaDisk", request);
    if (request.diskName().equals("missing")) {
      throw ApplicationFailure.newNonRetryableFailure("no disk named missing", "DiskNotFound");
    }
    if (!Objects.equals(item(request.vm()).replicaCut, request.baseCutId())) {
      throw ApplicationFailure.newNonRetryableFailure(
          "the replicas hold " + item(request.vm()).replicaCut + ", not " + request.baseCutId(),
          "WrongBase");
    }
    return new ReplicaAdded(
        "lun9",
        request.diskName(),
        new BlobRef("streplicas", "reprotect-seed", request.diskName() + ".cycle1.vhd"),
        request.baseCutId(),
        "checksum");
  }

  /** Held as a long shipment is: heartbeating, so that a cancellation reaches it. */
  private static void awaitHeartbeating(Semaphore gate) {
    try {
      while (!gate.tryAcquire(HELD_HEARTBEAT_MILLIS, TimeUnit.MILLISECONDS)) {
        Activity.getExecutionContext().heartbeat(null);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public synchronized RecoveryPointTaken createRecoveryPoint(CreateRecoveryPoint request) {
    record(request.vm(), "createRecoveryPoint", request);
    Item item = item(request.vm());
    if (!request.cutId().equals(item.replicaCut)) {
      throw ApplicationFailure.newNonRetryableFailure(
          "the replicas hold " + item.replicaCut + ", not " + request.cutId(), "WrongCut");
    }
    item.points.putIfAbsent(
        request.pointId(), new Point(request.pointId(), request.kind(), request.cutId()));
    return new RecoveryPointTaken(request.pointId());
  }

  @Override
  public synchronized void deleteCut(DeleteCut request) {
    record(request.vm(), "deleteCut", request);
    Item item = item(request.vm());
    if (request.cutId().equals(item.replicaCut)) {
      throw ApplicationFailure.newNonRetryableFailure(
          request.cutId() + " is the replicas' base", "BaseCutDeleted");
    }
    item.cuts.remove(request.cutId());
  }

  @Override
  public synchronized RecoveryPointPruning deleteRecoveryPoints(DeleteRecoveryPoints request) {
    record(request.vm(), "deleteRecoveryPoints", request);
    Item item = item(request.vm());
    List<String> kept =
        request.pointIds().stream().filter(id -> id.equals(item.pinnedPoint)).toList();
    List<String> deleted = request.pointIds().stream().filter(id -> !kept.contains(id)).toList();
    deleted.forEach(item.points::remove);
    return new RecoveryPointPruning(deleted, kept, kept.isEmpty() ? null : "pinned");
  }

  private Item item(String vm) {
    return Objects.requireNonNull(items.get(vm), vm);
  }

  private Instant record(String vm, String activity, Object request) {
    Instant now = Instant.ofEpochMilli(clock.getAsLong());
    calls.add(new Call(now, vm, activity, request));
    return now;
  }
}
