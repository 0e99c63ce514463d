package dev.reprotect.azure.sim;

import dev.reprotect.azure.AvailabilitySet;
import dev.reprotect.azure.AzureException;
import dev.reprotect.azure.BlobRef;
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
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The simulator's state. Every read and change of the metadata holds the world's monitor; block
 * bytes are read and written outside it, since blocks are immutable.
 */
final class World {
  final Clock clock;
  final int blockSize;
  final Path dataDir;
  final ActivityLog log;
  final TransferMeter meter = new TransferMeter();
  final FaultInjector faults = new FaultInjector();

  final Map<String, Region> regions = new TreeMap<>();
  final Map<String, ResourceGroup> resourceGroups = new TreeMap<>();
  final Map<String, VirtualNetwork> networks = new TreeMap<>();
  final Map<String, NetworkMapping> networkMappings = new TreeMap<>();
  final Map<String, StorageAccount> storageAccounts = new TreeMap<>();
  final Map<String, BlobData> blobs = new TreeMap<>();
  final Map<String, AvailabilitySet> availabilitySets = new TreeMap<>();
  final Map<String, VirtualMachine> virtualMachines = new TreeMap<>();
  final Map<String, Vault> vaults = new TreeMap<>();
  final Map<String, ReplicatedItem> items = new TreeMap<>();
  final Map<String, RecoveryPlan> recoveryPlans = new TreeMap<>();
  final Map<String, RecoveryPoint> recoveryPoints = new TreeMap<>();
  private final Map<String, BlockStore> blockStores = new ConcurrentHashMap<>();

  World(Clock clock, int blockSize, Path dataDir) {
    this.clock = clock;
    this.blockSize = blockSize;
    this.dataDir = dataDir;
    this.log = new ActivityLog(clock);
  }

  BlockStore blockStore(String region) {
    return blockStores.computeIfAbsent(region, r -> new BlockStore(dataDir.resolve(r)));
  }

  /** Counts the call for fault injection, then fails it if a region it needs is down. */
  void enter(String operation, String... regionsTouched) {
    faults.beforeCall(operation);
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
  }

  static String blobKey(BlobRef ref) {
    return ref.storageAccount() + "/" + ref.container() + "/" + ref.blob();
  }

  static String scopedKey(String scope, String name) {
    return scope.toLowerCase() + "/" + name.toLowerCase();
  }
}
