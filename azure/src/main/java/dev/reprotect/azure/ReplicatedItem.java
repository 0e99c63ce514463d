package dev.reprotect.azure;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A protected VM as the vault records it. Source and target follow the active location, so every
 * rule reads the same in both directions: the source is where the VM runs now. {@code
 * testFailoverLive} records a drill from the claim of its test failover to the end of its cleanup:
 * whatever the drill made may be up in the target region meanwhile, so {@link ItemLifecycle}
 * refuses every other operation on the item. {@code pinnedRecoveryPoint} (null when none) is the
 * point a failover or a drill chose: pruning never deletes it, since the VM is being made, or runs,
 * from its snapshots. It is released with the claim that chose it, or, for a drill, with the
 * cleanup that ends the drill. {@code replicaCuts} says which cut the replicas hold and which may
 * have reached them in part (null: not known, for items replicated before it was recorded, and for
 * new replicas until their first cut is recorded). {@code lastScrub} (null when never) is how the
 * last scrub of the replica ended: the next is due its policy's interval after it. {@code
 * createdByProtection} holds the ARM ids of the resources its enable and reprotects created
 * (resource groups, storage accounts, availability sets), each recorded before it was created: what
 * a disable may delete, once it is empty. What existed before, and was reused, is never in it.
 * {@code lineage} holds, per disk, where both sides stood when the last failover made the VM
 * ({@link DiskLineage}): recorded by the failover (and a change of point), kept by its commit,
 * dropped with its snapshots by the reprotect that follows or a disable; empty for items failed
 * over before it was recorded.
 */
public record ReplicatedItem(
    String vault,
    String name,
    ItemSide primary,
    ItemSide recovery,
    String activeLocation,
    ProtectionState state,
    ReplicationPolicy policy,
    String cacheStorageAccount,
    List<ReplicaDisk> replicaDisks,
    RunningOperation runningOperation,
    boolean failoverCommitted,
    boolean migrationCompleted,
    int reprotectCycles,
    boolean testFailoverLive,
    String pinnedRecoveryPoint,
    ReplicaCuts replicaCuts,
    ScrubRecord lastScrub,
    List<String> createdByProtection,
    List<DiskLineage> lineage) {

  /** An item with no failover's lineage recorded. */
  public ReplicatedItem(
      String vault,
      String name,
      ItemSide primary,
      ItemSide recovery,
      String activeLocation,
      ProtectionState state,
      ReplicationPolicy policy,
      String cacheStorageAccount,
      List<ReplicaDisk> replicaDisks,
      RunningOperation runningOperation,
      boolean failoverCommitted,
      boolean migrationCompleted,
      int reprotectCycles,
      boolean testFailoverLive,
      String pinnedRecoveryPoint,
      ReplicaCuts replicaCuts,
      ScrubRecord lastScrub,
      List<String> createdByProtection) {
    this(
        vault,
        name,
        primary,
        recovery,
        activeLocation,
        state,
        policy,
        cacheStorageAccount,
        replicaDisks,
        runningOperation,
        failoverCommitted,
        migrationCompleted,
        reprotectCycles,
        testFailoverLive,
        pinnedRecoveryPoint,
        replicaCuts,
        lastScrub,
        createdByProtection,
        List.of());
  }

  /** An item with nothing recorded as created by its protection. */
  public ReplicatedItem(
      String vault,
      String name,
      ItemSide primary,
      ItemSide recovery,
      String activeLocation,
      ProtectionState state,
      ReplicationPolicy policy,
      String cacheStorageAccount,
      List<ReplicaDisk> replicaDisks,
      RunningOperation runningOperation,
      boolean failoverCommitted,
      boolean migrationCompleted,
      int reprotectCycles,
      boolean testFailoverLive,
      String pinnedRecoveryPoint,
      ReplicaCuts replicaCuts,
      ScrubRecord lastScrub) {
    this(
        vault,
        name,
        primary,
        recovery,
        activeLocation,
        state,
        policy,
        cacheStorageAccount,
        replicaDisks,
        runningOperation,
        failoverCommitted,
        migrationCompleted,
        reprotectCycles,
        testFailoverLive,
        pinnedRecoveryPoint,
        replicaCuts,
        lastScrub,
        List.of());
  }

  /** An item that was never reprotected, with no drill. */
  public ReplicatedItem(
      String vault,
      String name,
      ItemSide primary,
      ItemSide recovery,
      String activeLocation,
      ProtectionState state,
      ReplicationPolicy policy,
      String cacheStorageAccount,
      List<ReplicaDisk> replicaDisks,
      RunningOperation runningOperation,
      boolean failoverCommitted,
      boolean migrationCompleted) {
    this(
        vault,
        name,
        primary,
        recovery,
        activeLocation,
        state,
        policy,
        cacheStorageAccount,
        replicaDisks,
        runningOperation,
        failoverCommitted,
        migrationCompleted,
        0,
        false);
  }

  /** An item with no point pinned. */
  public ReplicatedItem(
      String vault,
      String name,
      ItemSide primary,
      ItemSide recovery,
      String activeLocation,
      ProtectionState state,
      ReplicationPolicy policy,
      String cacheStorageAccount,
      List<ReplicaDisk> replicaDisks,
      RunningOperation runningOperation,
      boolean failoverCommitted,
      boolean migrationCompleted,
      int reprotectCycles,
      boolean testFailoverLive) {
    this(
        vault,
        name,
        primary,
        recovery,
        activeLocation,
        state,
        policy,
        cacheStorageAccount,
        replicaDisks,
        runningOperation,
        failoverCommitted,
        migrationCompleted,
        reprotectCycles,
        testFailoverLive,
        null);
  }

  /** An item whose replicas' cut is not known, never scrubbed. */
  public ReplicatedItem(
      String vault,
      String name,
      ItemSide primary,
      ItemSide recovery,
      String activeLocation,
      ProtectionState state,
      ReplicationPolicy policy,
      String cacheStorageAccount,
      List<ReplicaDisk> replicaDisks,
      RunningOperation runningOperation,
      boolean failoverCommitted,
      boolean migrationCompleted,
      int reprotectCycles,
      boolean testFailoverLive,
      String pinnedRecoveryPoint) {
    this(
        vault,
        name,
        primary,
        recovery,
        activeLocation,
        state,
        policy,
        cacheStorageAccount,
        replicaDisks,
        runningOperation,
        failoverCommitted,
        migrationCompleted,
        reprotectCycles,
        testFailoverLive,
        pinnedRecoveryPoint,
        null,
        null);
  }

  public ReplicatedItem {
    replicaDisks = List.copyOf(replicaDisks);
    // Null from a record written before it was kept.
    createdByProtection =
        createdByProtection == null ? List.of() : List.copyOf(createdByProtection);
    lineage = lineage == null ? List.of() : List.copyOf(lineage);
    if (!activeLocation.equals(primary.region()) && !activeLocation.equals(recovery.region())) {
      throw new IllegalArgumentException(
          "active location " + activeLocation + " is not a region of the item's pair");
    }
  }

  public ItemSide source() {
    return activeLocation.equals(primary.region()) ? primary : recovery;
  }

  public ItemSide target() {
    return activeLocation.equals(primary.region()) ? recovery : primary;
  }

  public ReplicatedItem withRunningOperation(RunningOperation operation, ProtectionState newState) {
    Copy copy = new Copy(this);
    copy.runningOperation = operation;
    copy.state = newState;
    return copy.build();
  }

  /**
   * The item with its claim released into {@code newState}: the claim's pin goes with it, but a
   * live drill keeps its point pinned until its cleanup has removed the copy made from it.
   */
  public ReplicatedItem released(ProtectionState newState) {
    return withRunningOperation(null, newState)
        .withPinnedRecoveryPoint(testFailoverLive ? pinnedRecoveryPoint : null);
  }

  /** The item with {@code pointId} pinned (null: none). */
  public ReplicatedItem withPinnedRecoveryPoint(String pointId) {
    Copy copy = new Copy(this);
    copy.pinnedRecoveryPoint = pointId;
    return copy.build();
  }

  /** The item with {@code scrub} as its last scrub. */
  public ReplicatedItem withLastScrub(ScrubRecord scrub) {
    Copy copy = new Copy(this);
    copy.lastScrub = scrub;
    return copy.build();
  }

  /**
   * The item with {@code resourceId} recorded as created by its protection; recording it again
   * changes nothing.
   */
  public ReplicatedItem withCreatedByProtection(String resourceId) {
    if (createdByProtection.contains(resourceId)) {
      return this;
    }
    Copy copy = new Copy(this);
    copy.createdByProtection = new ArrayList<>(createdByProtection);
    copy.createdByProtection.add(resourceId);
    return copy.build();
  }

  /** The item with {@code disks} as its failover's lineage (empty: none). */
  public ReplicatedItem withLineage(List<DiskLineage> disks) {
    Copy copy = new Copy(this);
    copy.lineage = disks;
    return copy.build();
  }

  /**
   * The snapshots the lineage keeps, of both sides: what no clean-up of cuts or disks may delete
   * while it is recorded.
   */
  public Set<BlobRef> lineageSnapshots() {
    Set<BlobRef> snapshots = new LinkedHashSet<>();
    for (DiskLineage disk : lineage) {
      Stream.of(disk.cutSnapshot(), disk.newBase())
          .filter(Objects::nonNull)
          .forEach(snapshots::add);
    }
    return snapshots;
  }

  /** The point the lineage's failover ran from; null when none is recorded. */
  public String lineagePoint() {
    return lineage.isEmpty() ? null : lineage.get(0).pointId();
  }

  /** The item with its drill recorded ({@code live}) or cleaned up. */
  public ReplicatedItem withTestFailoverLive(boolean live) {
    Copy copy = new Copy(this);
    copy.testFailoverLive = live;
    return copy.build();
  }

  /** The item with the cut its replicas hold, and the cuts shipping to them, recorded. */
  public ReplicatedItem withReplicaCuts(ReplicaCuts cuts) {
    Copy copy = new Copy(this);
    copy.replicaCuts = cuts;
    return copy.build();
  }

  /**
   * The item replicating {@code replicas}, a disk added to its replication: nothing else changes.
   */
  public ReplicatedItem withReplicaDisks(List<ReplicaDisk> replicas) {
    Copy copy = new Copy(this);
    copy.replicaDisks = replicas;
    return copy.build();
  }

  /**
   * The item with its replication set up towards {@code newTarget} by reprotect number {@code
   * cycle}: its replica disks and cache account, and the network of the VM it protects, {@code
   * sourceNetwork}. A new protection supersedes the failover it follows, so the item no longer
   * counts as failover-committed, and the failover's lineage is no longer the item's (its snapshots
   * are deleted before). State and running operation are left as they are; releasing the operation
   * settles them.
   */
  public ReplicatedItem withReplicationTo(
      ItemSide newTarget,
      String sourceNetwork,
      String cacheAccount,
      List<ReplicaDisk> replicas,
      int cycle) {
    boolean sourceIsPrimary = activeLocation.equals(primary.region());
    ItemSide newSource = source().withNetwork(sourceNetwork);
    Copy copy = new Copy(this);
    copy.primary = sourceIsPrimary ? newSource : newTarget;
    copy.recovery = sourceIsPrimary ? newTarget : newSource;
    copy.cacheStorageAccount = cacheAccount;
    copy.replicaDisks = replicas;
    copy.failoverCommitted = false;
    copy.reprotectCycles = cycle;
    copy.replicaCuts = null;
    copy.lineage = List.of();
    return copy.build();
  }

  /**
   * The item failed over to {@code region}, its VM booted there on {@code network}: the VM is
   * active there now, so source and target swap, and the replicas no longer follow its disks' cuts.
   * Idempotent: the region is named, not toggled, so a retry never swaps back.
   */
  public ReplicatedItem failedOverTo(String region, String network) {
    boolean bootedInPrimary = region.equals(primary.region());
    ItemSide booted = (bootedInPrimary ? primary : recovery).withNetwork(network);
    Copy copy = new Copy(this);
    copy.primary = bootedInPrimary ? booted : primary;
    copy.recovery = bootedInPrimary ? recovery : booted;
    copy.activeLocation = region;
    copy.failoverCommitted = false;
    copy.replicaCuts = null;
    return copy.build();
  }

  /** The failover committed: the replicas of the old direction are no longer the item's. */
  public ReplicatedItem committed() {
    Copy copy = new Copy(this);
    copy.replicaDisks = List.of();
    copy.failoverCommitted = true;
    copy.replicaCuts = null;
    return copy.build();
  }

  /** The item's fields, to change a few and make another item of them: the withers' one copy. */
  private static final class Copy {
    final String vault;
    final String name;
    ItemSide primary;
    ItemSide recovery;
    String activeLocation;
    ProtectionState state;
    final ReplicationPolicy policy;
    String cacheStorageAccount;
    List<ReplicaDisk> replicaDisks;
    RunningOperation runningOperation;
    boolean failoverCommitted;
    final boolean migrationCompleted;
    int reprotectCycles;
    boolean testFailoverLive;
    String pinnedRecoveryPoint;
    ReplicaCuts replicaCuts;
    ScrubRecord lastScrub;
    List<String> createdByProtection;
    List<DiskLineage> lineage;

    Copy(ReplicatedItem item) {
      vault = item.vault;
      name = item.name;
      primary = item.primary;
      recovery = item.recovery;
      activeLocation = item.activeLocation;
      state = item.state;
      policy = item.policy;
      cacheStorageAccount = item.cacheStorageAccount;
      replicaDisks = item.replicaDisks;
      runningOperation = item.runningOperation;
      failoverCommitted = item.failoverCommitted;
      migrationCompleted = item.migrationCompleted;
      reprotectCycles = item.reprotectCycles;
      testFailoverLive = item.testFailoverLive;
      pinnedRecoveryPoint = item.pinnedRecoveryPoint;
      replicaCuts = item.replicaCuts;
      lastScrub = item.lastScrub;
      createdByProtection = item.createdByProtection;
      lineage = item.lineage;
    }

    ReplicatedItem build() {
      return new ReplicatedItem(
          vault,
          name,
          primary,
          recovery,
          activeLocation,
          state,
          policy,
          cacheStorageAccount,
          replicaDisks,
          runningOperation,
          failoverCommitted,
          migrationCompleted,
          reprotectCycles,
          testFailoverLive,
          pinnedRecoveryPoint,
          replicaCuts,
          lastScrub,
          createdByProtection,
          lineage);
    }
  }
}
