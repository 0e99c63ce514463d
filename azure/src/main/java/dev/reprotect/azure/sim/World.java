package dev.reprotect.azure.sim;

import dev.reprotect.azure.AvailabilitySet;
import dev.reprotect.azure.AzureException;
import dev.reprotect.azure.BlobRef;
import dev.reprotect.azure.BlobSnapshot;
import dev.reprotect.azure.Caller;
import dev.reprotect.azure.NetworkMapping;
import dev.reprotect.azure.RecoveryPlan;
import dev.reprotect.azure.RecoveryPoint;
import dev.reprotect.azure.Region;
import dev.reprotect.azure.ReplicatedItem;
import dev.reprotect.azure.ResourceGroup;
import dev.reprotect.azure.StorageAccount;
import dev.reprotect.azure.Vault;
import dev.reprotect.azure.VirtualMachine;
import dev.reprotect.azure.VirtualNetwork;
import dev.reprotect.azure.WriteHold;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The simulator's state. Every read and change of the metadata holds the world's monitor, and every
 * change goes through {@link #mutate}; block bytes are read and written outside it, since blocks
 * are immutable.
 */
final class World {
  final Clock clock;
  final int blockSize;
  final Path dataDir;
  final Journal journal;
  final ActivityLog log;
  final TransferMeter meter;
  final FaultInjector faults = new FaultInjector();
  final WriteHolds holds = new WriteHolds();
  volatile LatencyModel latency = LatencyModel.none();
  final Charges charges = new Charges(this);

  final Table<Region> regions;
  final Table<ResourceGroup> resourceGroups;
  final Table<VirtualNetwork> networks;
  final Table<NetworkMapping> networkMappings;
  final Table<StorageAccount> storageAccounts;
  final BlobTable blobs;
  final Table<AvailabilitySet> availabilitySets;
  final Table<VirtualMachine> virtualMachines;
  final Table<Vault> vaults;
  final Table<ReplicatedItem> items;
  final Table<RecoveryPlan> recoveryPlans;
  final Table<RecoveryPoint> recoveryPoints;
  final Table<BlobSnapshot> snapshots;
  final Table<WriteHold> writeHolds;
  private final Map<String, BlockStore> blockStores = new ConcurrentHashMap<>();

  World(Clock clock, int blockSize, Path dataDir, Journal journal) {
    this.clock = clock;
    this.blockSize = blockSize;
    this.dataDir = dataDir;
    this.journal = journal;
    this.log = new ActivityLog(clock, journal);
    this.meter = new TransferMeter(journal);
    regions = new Table<>("regions", Region.class, journal);
    resourceGroups = new Table<>("resourceGroups", ResourceGroup.class, journal);
    networks = new Table<>("virtualNetworks", VirtualNetwork.class, journal);
    networkMappings = new Table<>("networkMappings", NetworkMapping.class, journal);
    storageAccounts = new Table<>("storageAccounts", StorageAccount.class, journal);
    blobs = new BlobTable(journal);
    availabilitySets = new Table<>("availabilitySets", AvailabilitySet.class, journal);
    virtualMachines = new Table<>("virtualMachines", VirtualMachine.class, journal);
    vaults = new Table<>("vaults", Vault.class, journal);
    items = new Table<>("replicatedItems", ReplicatedItem.class, journal);
    recoveryPlans = new Table<>("recoveryPlans", RecoveryPlan.class, journal);
    recoveryPoints = new Table<>("recoveryPoints", RecoveryPoint.class, journal);
    snapshots = new Table<>("snapshots", BlobSnapshot.class, journal);
    writeHolds = new Table<>("writeHolds", WriteHold.class, journal);
  }

  List<Table<?>> tables() {
    return List.of(
        regions,
        resourceGroups,
        networks,
        networkMappings,
        storageAccounts,
        availabilitySets,
        virtualMachines,
        vaults,
        items,
        recoveryPlans,
        recoveryPoints,
        snapshots,
        writeHolds);
  }

  /**
   * Applies a change of the world under its monitor and makes it durable as one transaction: every
   * mutating operation goes through here.
   */
  <T> T mutate(Supplier<T> change) {
    synchronized (this) {
      try {
        return change.get();
      } finally {
        journal.commit();
      }
    }
  }

  void mutate(Runnable change) {
    mutate(
        () -> {
          change.run();
          return null;
        });
  }

  /** Adds a region to the simulated cloud; regions are not something a caller creates. */
  void addRegion(String name) {
    mutate(() -> regions.putIfAbsent(name, new Region(name, true)));
  }

  BlockStore blockStore(String region) {
    return blockStores.computeIfAbsent(region, r -> new BlockStore(dataDir.resolve(r)));
  }

  /**
   * Counts the call for fault injection, charges it to the caller (null for a read that names
   * none), then fails it if a region it needs is down; returns the call's number for {@link
   * FaultInjector#afterApplied}.
   */
  int enter(Caller caller, String operation, String... regionsTouched) {
    int call = faults.beforeCall(operation);
    charges.call(caller, operation);
    synchronized (this) {
      for (String region : regionsTouched) {
        Region known = regions.get(region);
        if (known == null) {
          throw AzureException.notFound("region " + region);
        }
        if (!known.available()) {
          throw AzureException.regionUnavailable(region);
        }
      }
    }
    return call;
  }

  /**
   * Removes a blob, a snapshot's record with it; true if it was there. The caller holds the
   * monitor.
   */
  boolean removeBlob(BlobRef ref) {
    snapshots.remove(blobKey(ref));
    return blobs.remove(blobKey(ref)) != null;
  }

  static String blobKey(BlobRef ref) {
    return ref.storageAccount() + "/" + ref.container() + "/" + ref.blob();
  }

  static String scopedKey(String scope, String name) {
    return scope.toLowerCase() + "/" + name.toLowerCase();
  }
}
