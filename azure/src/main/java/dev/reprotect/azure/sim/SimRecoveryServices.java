package dev.reprotect.azure.sim;

import dev.reprotect.azure.AzureErrorCode;
import dev.reprotect.azure.AzureException;
import dev.reprotect.azure.BlobRef;
import dev.reprotect.azure.Caller;
import dev.reprotect.azure.Cuts;
import dev.reprotect.azure.ItemClaimState;
import dev.reprotect.azure.ItemLifecycle;
import dev.reprotect.azure.NameRules;
import dev.reprotect.azure.ProtectionState;
import dev.reprotect.azure.RecoveryPlan;
import dev.reprotect.azure.RecoveryPoint;
import dev.reprotect.azure.RecoveryPointPruning;
import dev.reprotect.azure.RecoveryPointType;
import dev.reprotect.azure.RecoveryServicesApi;
import dev.reprotect.azure.ReplicaCuts;
import dev.reprotect.azure.ReplicaDisk;
import dev.reprotect.azure.ReplicatedItem;
import dev.reprotect.azure.ResourceIds;
import dev.reprotect.azure.RunningOperation;
import dev.reprotect.azure.ScrubRecord;
import dev.reprotect.azure.StorageAccount;
import dev.reprotect.azure.Vault;
import dev.reprotect.azure.WriteHold;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

final class SimRecoveryServices implements RecoveryServicesApi {
  /** The container of the target storage account where recovery points keep their snapshots. */
  static final String RECOVERY_POINT_CONTAINER = "recovery-points";

  private final World world;
  private final SimStorage storage;

  SimRecoveryServices(World world) {
    this.world = world;
    this.storage = new SimStorage(world);
  }

  @Override
  public Optional<Vault> vault(String name) {
    world.enter(null, "vault");
    synchronized (world) {
      return Optional.ofNullable(world.vaults.get(name.toLowerCase()));
    }
  }

  @Override
  public List<Vault> vaults() {
    world.enter(null, "vaults");
    synchronized (world) {
      return world.vaults.values().stream().sorted(Comparator.comparing(Vault::name)).toList();
    }
  }

  @Override
  public Vault createVault(Caller caller, Vault vault) {
    if (!NameRules.isValidVaultName(vault.name())) {
      throw new AzureException(
          AzureErrorCode.InvalidResourceName, "invalid vault name " + vault.name());
    }
    world.enter(caller, "createVault", vault.location());
    return world.mutate(
        () -> {
          SimResources.requireResourceGroup(world, vault.resourceGroup());
          Vault existing = world.vaults.get(vault.name().toLowerCase());
          if (existing != null) {
            if (!existing.equals(vault)) {
              throw new AzureException(
                  AzureErrorCode.Conflict,
                  "vault " + vault.name() + " exists in " + existing.location());
            }
            return existing;
          }
          world.vaults.put(vault.name().toLowerCase(), vault);
          world.log.append(
              "Microsoft.RecoveryServices/vaults/write",
              "/providers/Microsoft.RecoveryServices/vaults/" + vault.name(),
              caller);
          return vault;
        });
  }

  @Override
  public Optional<ReplicatedItem> replicatedItem(String vault, String name) {
    world.enter(null, "replicatedItem");
    synchronized (world) {
      return Optional.ofNullable(world.items.get(World.scopedKey(vault, name)));
    }
  }

  @Override
  public List<ReplicatedItem> replicatedItems(String vault) {
    world.enter(null, "replicatedItems");
    synchronized (world) {
      return world.items.values().stream().filter(i -> i.vault().equalsIgnoreCase(vault)).toList();
    }
  }

  @Override
  public ReplicatedItem putReplicatedItem(Caller caller, ReplicatedItem item) {
    if (!NameRules.isValidVmName(item.name())) {
      throw new AzureException(
          AzureErrorCode.InvalidResourceName, "invalid item name " + item.name());
    }
    world.enter(caller, "putReplicatedItem");
    return world.mutate(
        () -> {
          requireVault(item.vault());
          String key = World.scopedKey(item.vault(), item.name());
          if (!item.equals(world.items.get(key))) {
            world.items.put(key, item);
            world.log.append(
                "Microsoft.RecoveryServices/vaults/replicatedItems/write",
                ResourceIds.replicatedItem(item.vault(), item.name()),
                caller);
          }
          return item;
        });
  }

  @Override
  public void deleteReplicatedItem(Caller caller, String vault, String item, String operationId) {
    world.enter(caller, "deleteReplicatedItem");
    world.mutate(
        () -> {
          ReplicatedItem current = world.items.get(World.scopedKey(vault, item));
          if (current == null) {
            return;
          }
          RunningOperation running = current.runningOperation();
          if (running == null
              || !running.id().equals(operationId)
              || ItemLifecycle.of(running.type()) != ItemLifecycle.Disable) {
            throw new AzureException(
                AzureErrorCode.ItemChanged,
                "item "
                    + item
                    + " is not claimed"
                    + " by the disable "
                    + operationId
                    + " ("
                    + running
                    + "); it stays");
          }
          String points = World.scopedKey(vault, item) + "/";
          world.recoveryPoints.entrySet().stream()
              .map(Map.Entry::getKey)
              .filter(key -> key.startsWith(points))
              .toList()
              .forEach(key -> deletePoint(caller, vault, item, key.substring(points.length())));
          world.items.remove(World.scopedKey(vault, item));
          world.log.append(
              "Microsoft.RecoveryServices/vaults/replicatedItems/delete",
              ResourceIds.replicatedItem(vault, item),
              caller);
        });
  }

  @Override
  public ReplicatedItem claimOperation(
      Caller caller,
      String vault,
      String item,
      RunningOperation operation,
      ItemClaimState expected,
      ProtectionState newState) {
    world.enter(caller, "claimOperation");
    return world.mutate(
        () -> {
          ReplicatedItem current = existingItem(vault, item);
          RunningOperation running = current.runningOperation();
          if (operation.isSameRun(running)) {
            return current;
          }
          if (running != null && !running.id().equals(operation.id())) {
            throw new AzureException(
                AzureErrorCode.OperationInProgress, "item " + item + " is busy with " + running);
          }
          if (expected == null ? running != null : !expected.matches(current)) {
            throw new AzureException(
                AzureErrorCode.ItemChanged,
                "item "
                    + item
                    + " changed since it"
                    + " was checked: it is "
                    + current.state()
                    + (running == null ? "" : ", claimed by " + running)
                    + "; check it again");
          }
          // A takeover is logged as such: the earlier run's claim ends here, not in a release.
          return changeClaim(
              caller,
              vault,
              item,
              ItemLifecycle.of(operation.type()).claimed(current, operation, newState),
              running == null ? "claim" : "takeOver");
        });
  }

  @Override
  public ReplicatedItem releaseOperation(
      Caller caller,
      String vault,
      String item,
      String operationId,
      String runId,
      ProtectionState newState) {
    world.enter(caller, "releaseOperation");
    return world.mutate(
        () -> {
          ReplicatedItem current = existingItem(vault, item);
          RunningOperation running = current.runningOperation();
          if (running == null
              || !running.id().equals(operationId)
              || runId != null && running.runId() != null && !running.runId().equals(runId)) {
            return current;
          }
          ItemLifecycle.of(running.type()).checkRelease(newState);
          return changeClaim(caller, vault, item, current.released(newState), "release");
        });
  }

  @Override
  public ReplicatedItem releaseStaleOperation(
      Caller caller, String vault, String item, RunningOperation stale, ProtectionState newState) {
    world.enter(caller, "releaseStaleOperation");
    return world.mutate(
        () -> {
          ReplicatedItem current = existingItem(vault, item);
          RunningOperation running = current.runningOperation();
          if (!stale.isSameRun(running)) {
            throw new AzureException(
                AzureErrorCode.ItemChanged,
                "item "
                    + item
                    + " is no longer"
                    + " claimed by "
                    + stale
                    + ": "
                    + (running == null ? "it has no claim" : running + " holds it")
                    + "; nothing was changed");
          }
          ItemLifecycle.of(running.type()).checkRelease(newState);
          return changeClaim(caller, vault, item, current.released(newState), "releaseStale");
        });
  }

  @Override
  public Optional<RecoveryPlan> recoveryPlan(String vault, String name) {
    world.enter(null, "recoveryPlan");
    synchronized (world) {
      return Optional.ofNullable(world.recoveryPlans.get(World.scopedKey(vault, name)));
    }
  }

  @Override
  public RecoveryPlan createRecoveryPlan(Caller caller, RecoveryPlan plan) {
    world.enter(caller, "createRecoveryPlan");
    return world.mutate(
        () -> {
          requireVault(plan.vault());
          String key = World.scopedKey(plan.vault(), plan.name());
          if (!plan.equals(world.recoveryPlans.get(key))) {
            world.recoveryPlans.put(key, plan);
            world.log.append(
                "Microsoft.RecoveryServices/vaults/recoveryPlans/write",
                ResourceIds.recoveryPlan(plan.vault(), plan.name()),
                caller);
          }
          return plan;
        });
  }

  @Override
  public RecoveryPoint createRecoveryPoint(
      Caller caller,
      String vault,
      String item,
      String pointId,
      RecoveryPointType type,
      String cutId) {
    if (!NameRules.isValidBlobName(pointId)) {
      throw new AzureException(
          AzureErrorCode.InvalidResourceName, "invalid recovery point id " + pointId);
    }
    ReplicatedItem current;
    synchronized (world) {
      current = existingItem(vault, item);
    }
    world.enter(caller, "createRecoveryPoint", current.target().region());
    String key = pointKey(vault, item, pointId);
    synchronized (world) {
      RecoveryPoint found = world.recoveryPoints.get(key);
      if (found != null) {
        return found;
      }
    }
    // One Snapshot Blob per replica, each charged. No hold is needed: the replication takes a
    // point between two shipments, so nothing writes to the replicas meanwhile.
    Map<String, BlobRef> snapshots = new LinkedHashMap<>();
    for (ReplicaDisk disk : current.replicaDisks()) {
      BlobRef snapshot =
          new BlobRef(
              disk.replica().storageAccount(),
              RECOVERY_POINT_CONTAINER,
              item + "." + pointId + "." + disk.slot() + ".vhd");
      snapshots.put(
          disk.slot(),
          storage
              .snapshotBlob(caller, disk.replica(), snapshot, Map.of("recoveryPoint", pointId))
              .ref());
    }
    return world.mutate(
        () -> {
          RecoveryPoint found = world.recoveryPoints.get(key);
          if (found != null) {
            return found;
          }
          // A point's checksums are storage's recorded ones: a point reads no disk (the scrub
          // does).
          Map<String, String> checksums = new TreeMap<>();
          snapshots.forEach(
              (slot, snapshot) ->
                  checksums.put(
                      slot, SimStorage.recordedChecksum(world.blobs.get(World.blobKey(snapshot)))));
          RecoveryPoint point =
              new RecoveryPoint(
                  pointId,
                  vault,
                  item,
                  dataTime(current, cutId),
                  type,
                  List.copyOf(snapshots.values()),
                  cutId,
                  checksums);
          world.recoveryPoints.put(key, point);
          world.log.append(
              "Microsoft.RecoveryServices/vaults/replicatedItems/recoveryPoints/write",
              ResourceIds.recoveryPoint(vault, item, pointId),
              caller);
          return point;
        });
  }

  /**
   * When a point's data is from: the instant of the hold under which its cut's snapshots were taken
   * ({@link Cuts}), however long the shipment took (a point made at the end of a 3-hour initial
   * sync holds the disks as they were 3 hours ago); now for a point with no cut. Under the world's
   * lock.
   */
  private Instant dataTime(ReplicatedItem item, String cutId) {
    String vmKey = World.scopedKey(item.source().resourceGroup(), item.name());
    return world.snapshots.values().stream()
        .filter(snapshot -> cutId != null && Cuts.isSnapshotOf(snapshot, item.name(), cutId))
        .map(
            snapshot ->
                world.writeHolds.get(SimGuestWorkload.holdKey(vmKey, Cuts.holdOf(snapshot))))
        .filter(Objects::nonNull)
        .map(WriteHold::heldAt)
        .findFirst()
        .orElseGet(world.clock::instant);
  }

  @Override
  public void deleteRecoveryPoint(Caller caller, String vault, String item, String pointId) {
    String key = pointKey(vault, item, pointId);
    String region;
    synchronized (world) {
      RecoveryPoint point = world.recoveryPoints.get(key);
      if (point == null) {
        return;
      }
      region = point.disks().isEmpty() ? null : regionOfAccount(point.disks().get(0));
    }
    world.enter(
        caller, "deleteRecoveryPoint", region == null ? new String[0] : new String[] {region});
    world.mutate(() -> deletePoint(caller, vault, item, pointId));
  }

  /** Removes a point and its snapshots, under the world's lock; a point that is gone stays so. */
  private void deletePoint(Caller caller, String vault, String item, String pointId) {
    RecoveryPoint point = world.recoveryPoints.remove(pointKey(vault, item, pointId));
    if (point == null) {
      return;
    }
    point.disks().forEach(world::removeBlob);
    world.log.append(
        "Microsoft.RecoveryServices/vaults/replicatedItems/recoveryPoints/delete",
        ResourceIds.recoveryPoint(vault, item, pointId),
        caller);
  }

  @Override
  public ReplicatedItem pinRecoveryPoint(
      Caller caller, String vault, String item, String operationId, String pointId) {
    world.enter(caller, "pinRecoveryPoint");
    return world.mutate(
        () -> {
          ReplicatedItem current = existingItem(vault, item);
          RunningOperation running = current.runningOperation();
          if (running == null || !running.id().equals(operationId)) {
            throw new AzureException(
                AzureErrorCode.ItemChanged,
                "item "
                    + item
                    + " is not claimed"
                    + " by "
                    + operationId
                    + (running == null ? "" : " but by " + running)
                    + "; nothing was pinned");
          }
          if (!world.recoveryPoints.containsKey(pointKey(vault, item, pointId))) {
            throw AzureException.notFound("recovery point " + pointId + " of " + item);
          }
          if (pointId.equals(current.pinnedRecoveryPoint())) {
            return current;
          }
          return changeClaim(caller, vault, item, current.withPinnedRecoveryPoint(pointId), "pin");
        });
  }

  @Override
  public ReplicatedItem recordReplicaCuts(
      Caller caller, String vault, String item, ReplicaCuts cuts) {
    world.enter(caller, "recordReplicaCuts");
    return world.mutate(
        () -> {
          ReplicatedItem current = existingItem(vault, item);
          if (cuts.equals(current.replicaCuts())) {
            return current;
          }
          return changeClaim(caller, vault, item, current.withReplicaCuts(cuts), "replicaCuts");
        });
  }

  @Override
  public RecoveryPointPruning pruneRecoveryPoints(
      Caller caller, String vault, String item, List<String> pointIds) {
    String[] regions;
    synchronized (world) {
      regions =
          pointIds.stream()
              .map(id -> world.recoveryPoints.get(pointKey(vault, item, id)))
              .filter(point -> point != null && !point.disks().isEmpty())
              .map(point -> regionOfAccount(point.disks().get(0)))
              .filter(Objects::nonNull)
              .distinct()
              .toArray(String[]::new);
    }
    world.enter(caller, "pruneRecoveryPoints", regions);
    // The claim is read and the points deleted under one lock: a failover that claims the item
    // meanwhile either sees the points deleted or keeps all of them.
    return world.mutate(
        () -> {
          ReplicatedItem current = existingItem(vault, item);
          RunningOperation running = current.runningOperation();
          if (running != null) {
            return new RecoveryPointPruning(
                List.of(), pointIds, "the item is claimed by " + running);
          }
          String pinned = current.pinnedRecoveryPoint();
          List<String> deleted = new ArrayList<>();
          for (String pointId : pointIds) {
            if (!pointId.equals(pinned)) {
              deletePoint(caller, vault, item, pointId);
              deleted.add(pointId);
            }
          }
          return pinned != null && pointIds.contains(pinned)
              ? new RecoveryPointPruning(
                  deleted, List.of(pinned), "a live test failover runs on it")
              : new RecoveryPointPruning(deleted, List.of(), null);
        });
  }

  @Override
  public List<RecoveryPoint> recoveryPoints(String vault, String item) {
    world.enter(null, "recoveryPoints");
    synchronized (world) {
      String prefix = pointKey(vault, item, "");
      return world.recoveryPoints.entrySet().stream()
          .filter(e -> e.getKey().startsWith(prefix))
          .map(e -> e.getValue())
          .toList();
    }
  }

  @Override
  public ReplicatedItem recordCreatedResources(
      Caller caller, String vault, String item, List<String> resourceIds) {
    return writeItem(
        caller,
        vault,
        item,
        "recordCreatedResources",
        "recordCreatedResources/action",
        current -> {
          ReplicatedItem changed = current;
          for (String id : resourceIds) {
            changed = changed.withCreatedByProtection(id);
          }
          return changed;
        });
  }

  @Override
  public ReplicatedItem recordScrub(Caller caller, String vault, String item, ScrubRecord scrub) {
    return writeItem(
        caller,
        vault,
        item,
        "recordScrub",
        "scrub/action",
        current -> current.withLastScrub(scrub));
  }

  @Override
  public ReplicatedItem addReplicaDisk(Caller caller, String vault, String item, ReplicaDisk disk) {
    return writeItem(
        caller,
        vault,
        item,
        "addReplicaDisk",
        "addReplicaDisk/action",
        current -> {
          Optional<ReplicaDisk> inSlot =
              current.replicaDisks().stream()
                  .filter(replica -> replica.slot().equals(disk.slot()))
                  .findFirst();
          if (inSlot.isPresent()) {
            if (inSlot.get().equals(disk)) {
              return current;
            }
            throw new AzureException(
                AzureErrorCode.Conflict,
                String.format(
                    "item %s already replicates slot %s to %s",
                    item, disk.slot(), inSlot.get().replica()));
          }
          List<ReplicaDisk> disks = new ArrayList<>(current.replicaDisks());
          disks.add(disk);
          return current.withReplicaDisks(disks);
        });
  }

  /**
   * Operation {@code operation}, one of the item's actions, which writes only what {@code change}
   * changes of the item as it stands, and is logged as {@code loggedAction} only when it changes
   * something.
   */
  private ReplicatedItem writeItem(
      Caller caller,
      String vault,
      String item,
      String operation,
      String loggedAction,
      UnaryOperator<ReplicatedItem> change) {
    world.enter(caller, operation);
    return world.mutate(
        () -> {
          ReplicatedItem current = existingItem(vault, item);
          ReplicatedItem changed = change.apply(current);
          if (changed.equals(current)) {
            return current;
          }
          world.items.put(World.scopedKey(vault, item), changed);
          world.log.append(
              "Microsoft.RecoveryServices/vaults/replicatedItems/" + loggedAction,
              ResourceIds.replicatedItem(vault, item),
              caller);
          return changed;
        });
  }

  private static String pointKey(String vault, String item, String pointId) {
    return World.scopedKey(vault, item) + "/" + pointId;
  }

  /** The region of a blob's storage account, or null when the account is gone. */
  private String regionOfAccount(BlobRef blob) {
    StorageAccount account = world.storageAccounts.get(blob.storageAccount());
    return account == null ? null : account.location();
  }

  private void requireVault(String vault) {
    if (!world.vaults.containsKey(vault.toLowerCase())) {
      throw AzureException.notFound("vault " + vault);
    }
  }

  /** Stores the item with its claim changed and logs the change as the {@code action} action. */
  private ReplicatedItem changeClaim(
      Caller caller, String vault, String item, ReplicatedItem changed, String action) {
    world.items.put(World.scopedKey(vault, item), changed);
    world.log.append(
        "Microsoft.RecoveryServices/vaults/replicatedItems/" + action + "/action",
        ResourceIds.replicatedItem(vault, item),
        caller);
    return changed;
  }

  private ReplicatedItem existingItem(String vault, String item) {
    ReplicatedItem current = world.items.get(World.scopedKey(vault, item));
    if (current == null) {
      throw AzureException.notFound("replicated item " + vault + "/" + item);
    }
    return current;
  }
}
