package dev.reprotect.azure.sim;

import dev.reprotect.azure.AvailabilitySet;
import dev.reprotect.azure.AzureBackend;
import dev.reprotect.azure.BlobRef;
import dev.reprotect.azure.Caller;
import dev.reprotect.azure.ItemSide;
import dev.reprotect.azure.NetworkMapping;
import dev.reprotect.azure.PowerState;
import dev.reprotect.azure.ProtectionState;
import dev.reprotect.azure.RecoveryPlan;
import dev.reprotect.azure.ReplicatedItem;
import dev.reprotect.azure.ReplicationPolicy;
import dev.reprotect.azure.ResourceGroup;
import dev.reprotect.azure.RunningOperation;
import dev.reprotect.azure.StorageAccount;
import dev.reprotect.azure.StorageAccountNaming;
import dev.reprotect.azure.Vault;
import dev.reprotect.azure.VirtualMachine;
import dev.reprotect.azure.VirtualNetwork;
import dev.reprotect.azure.VmDisk;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

/**
 * Builds a scenario's world in a backend: the vault and its item, the active VM in the source
 * region, its stale original in the target region, and disks with real bytes. The stale copy wrote
 * a few blocks after the failover and holds blocks the source never had; the source has churned
 * since. Seeding another VM into a world that holds the vault adds that VM's item and resources
 * beside the others: every step is a create-or-update.
 */
public final class ScenarioSeeder {
  public static final Caller SEEDER = Caller.of("scenario-seeder");

  /** The container that holds the VMs' disks. */
  public static final String DISK_CONTAINER = "vhds";

  private static final String ACCOUNT_PREFIX = "st";

  /** Blocks the stale original rewrote after the failover, per disk. */
  static final int STALE_REWRITES = 3;

  /** Blocks only the stale original has, per disk. */
  static final int STALE_ONLY = 2;

  private final AzureBackend azure;

  public ScenarioSeeder(AzureBackend azure) {
    this.azure = azure;
  }

  public void seed(Scenario s) {
    String src = s.sourceRegion();
    String tgt = s.targetRegion();
    ResourceGroup sourceGroup = group(resourceGroupName(s.vm(), src), src);
    ResourceGroup targetGroup = group(resourceGroupName(s.vm(), tgt), tgt);
    ResourceGroup vaultGroup = group("rg-" + s.vault().toLowerCase() + "-vault", src);
    StorageAccount sourceAccount = account(s.vm(), sourceGroup);
    StorageAccount targetAccount = account(s.vm(), targetGroup);
    VirtualNetwork sourceNet =
        azure
            .network()
            .createVirtualNetwork(
                SEEDER, new VirtualNetwork(sourceGroup.name(), "vnet-" + src, src));
    VirtualNetwork targetNet =
        azure
            .network()
            .createVirtualNetwork(
                SEEDER, new VirtualNetwork(targetGroup.name(), "vnet-" + tgt, tgt));
    if (s.networkMapped()) {
      azure
          .network()
          .createNetworkMapping(
              SEEDER, new NetworkMapping(src, sourceNet.id(), tgt, targetNet.id()));
      azure
          .network()
          .createNetworkMapping(
              SEEDER, new NetworkMapping(tgt, targetNet.id(), src, sourceNet.id()));
    }
    String availabilitySet = null;
    if (s.inAvailabilitySet()) {
      // An availability set's name may not end with a dot, a VM's may.
      availabilitySet = "avset-" + s.vm().replaceAll("\\.+$", "");
      azure
          .compute()
          .createAvailabilitySet(
              SEEDER, new AvailabilitySet(sourceGroup.name(), availabilitySet, src));
      azure
          .compute()
          .createAvailabilitySet(
              SEEDER, new AvailabilitySet(targetGroup.name(), availabilitySet, tgt));
    }

    List<VmDisk> staleDisks = disks(s, targetAccount);
    List<VmDisk> activeDisks = disks(s, sourceAccount);
    // Disk pairs are independent: seeding them in parallel keeps both cores busy.
    IntStream.range(0, activeDisks.size())
        .parallel()
        .forEach(i -> writeDisks(s, i, staleDisks.get(i), activeDisks.get(i)));
    VirtualMachine active =
        vm(
            s,
            sourceGroup.name(),
            src,
            PowerState.Running,
            activeDisks,
            sourceNet.id(),
            availabilitySet);
    VirtualMachine stale =
        vm(
            s,
            targetGroup.name(),
            tgt,
            s.targetVm() == Scenario.TargetVm.Running ? PowerState.Running : PowerState.Stopped,
            staleDisks,
            targetNet.id(),
            availabilitySet);
    azure.compute().createVirtualMachine(SEEDER, stale);
    if (s.targetVm() == Scenario.TargetVm.Deleted || s.unprotected()) {
      azure.compute().deleteVirtualMachine(SEEDER, stale.resourceGroup(), stale.name());
    }
    placeActiveVm(s, active);

    azure.recoveryServices().createVault(SEEDER, new Vault(s.vault(), vaultGroup.name(), src));
    if (!s.unprotected()) {
      putFailedOverItem(s, active, sourceAccount, stale, targetAccount);
      addToRecoveryPlan(s);
    }
    if (!s.targetRegionAvailable()) {
      azure.resources().setRegionAvailable(SEEDER, tgt, false);
    }
  }

  /**
   * The VM was protected in the target region and failed over to the source region. A busy item is
   * written with its claim as it stands, whatever the state: a world, not a transition. Each side
   * records the network of its VM, as the protection and the failover recorded it.
   */
  private void putFailedOverItem(
      Scenario s,
      VirtualMachine active,
      StorageAccount sourceAccount,
      VirtualMachine stale,
      StorageAccount targetAccount) {
    ItemSide sourceSide =
        new ItemSide(
            s.sourceRegion(),
            active.resourceGroup(),
            sourceAccount.name(),
            null,
            active.networkId());
    ItemSide targetSide =
        new ItemSide(
            s.targetRegion(), stale.resourceGroup(), targetAccount.name(), null, stale.networkId());
    azure
        .recoveryServices()
        .putReplicatedItem(
            SEEDER,
            new ReplicatedItem(
                s.vault(),
                s.vm(),
                targetSide,
                sourceSide,
                s.sourceRegion(),
                s.itemState(),
                ReplicationPolicy.defaultPolicy(),
                null,
                List.of(),
                s.itemBusy()
                    ? new RunningOperation(
                        "Failover", Scenario.BUSY_OPERATION_ID, null, Instant.EPOCH)
                    : null,
                s.itemState() == ProtectionState.FailoverCommitted,
                s.migrationCompleted()));
  }

  /** The vault's plan holds every VM seeded into it: a second VM joins, it replaces no one. */
  private void addToRecoveryPlan(Scenario s) {
    List<String> items =
        new ArrayList<>(
            azure
                .recoveryServices()
                .recoveryPlan(s.vault(), Scenario.RECOVERY_PLAN)
                .map(RecoveryPlan::items)
                .orElse(List.of()));
    if (!items.contains(s.vm())) {
      items.add(s.vm());
    }
    azure
        .recoveryServices()
        .createRecoveryPlan(SEEDER, new RecoveryPlan(s.vault(), Scenario.RECOVERY_PLAN, items));
  }

  public static String resourceGroupName(String vm, String region) {
    return "rg-" + vm + "-" + region;
  }

  /**
   * The storage account of the VM's disks in a region, in a world where no other account holds the
   * name; the seeder takes the next variant when one does (see {@link StorageAccountNaming}).
   */
  public static String storageAccountName(String vm, String region) {
    return StorageAccountNaming.name(ACCOUNT_PREFIX + vm, region);
  }

  private void placeActiveVm(Scenario s, VirtualMachine active) {
    switch (s.sourceVm()) {
      case Present -> azure.compute().createVirtualMachine(SEEDER, active);
      case Moved -> {
        ResourceGroup moved = group("rg-" + s.vm() + "-moved", s.sourceRegion());
        azure
            .compute()
            .createVirtualMachine(
                SEEDER,
                new VirtualMachine(
                    moved.name(),
                    active.name(),
                    active.location(),
                    active.powerState(),
                    active.osDisk(),
                    active.dataDisks(),
                    active.networkId(),
                    null));
      }
      case Deleted -> {
        azure.compute().createVirtualMachine(SEEDER, active);
        azure.compute().deleteVirtualMachine(SEEDER, active.resourceGroup(), active.name());
      }
    }
  }

  /**
   * Gives a disk pair its history: the original content (written on the side the VM was protected
   * on, replicated across), then churn on the active side, then the stale side's late writes.
   */
  private void writeDisks(Scenario s, int diskIndex, VmDisk stale, VmDisk active) {
    int blockSize = azure.storage().blockSize();
    long blocks = s.diskSizeBytes() / blockSize;
    SplittableRandom random = new SplittableRandom(s.randomSeed() * 31 + diskIndex);
    azure.storage().createPageBlob(SEEDER, stale.vhd(), s.diskSizeBytes());
    List<Long> allocated = sample(random, 0, blocks, blocks * s.allocatedPercent() / 100);
    for (long index : allocated) {
      azure.storage().writeBlock(SEEDER, stale.vhd(), index, randomBlock(random, blockSize));
    }
    azure.storage().copyBlob(SEEDER, stale.vhd(), active.vhd());

    long changed = allocated.size() * (long) s.changedPercent() / 100;
    if (changed == 0 && s.changedPercent() > 0 && !allocated.isEmpty()) {
      changed = 1;
    }
    for (long pick : sample(random, 0, allocated.size(), changed)) {
      azure
          .storage()
          .writeBlock(
              SEEDER, active.vhd(), allocated.get((int) pick), randomBlock(random, blockSize));
    }
    if (!active.isOsDisk() && s.sourceDataDiskGrowthBytes() > 0) {
      long grown = s.diskSizeBytes() + s.sourceDataDiskGrowthBytes();
      azure.storage().resizePageBlob(SEEDER, active.vhd(), grown);
      azure
          .storage()
          .writeBlock(SEEDER, active.vhd(), grown / blockSize - 1, randomBlock(random, blockSize));
    }

    for (long pick :
        sample(random, 0, allocated.size(), Math.min(STALE_REWRITES, allocated.size()))) {
      azure
          .storage()
          .writeBlock(
              SEEDER, stale.vhd(), allocated.get((int) pick), randomBlock(random, blockSize));
    }
    Set<Long> written = new HashSet<>(allocated);
    List<Long> unallocated =
        LongStream.range(0, blocks).filter(i -> !written.contains(i)).boxed().toList();
    for (long pick :
        sample(random, 0, unallocated.size(), Math.min(STALE_ONLY, unallocated.size()))) {
      azure
          .storage()
          .writeBlock(
              SEEDER, stale.vhd(), unallocated.get((int) pick), randomBlock(random, blockSize));
    }
  }

  private List<VmDisk> disks(Scenario s, StorageAccount account) {
    List<VmDisk> disks = new ArrayList<>();
    disks.add(
        new VmDisk(
            s.vm() + "-osdisk",
            null,
            new BlobRef(account.name(), DISK_CONTAINER, s.vm() + "-osdisk.vhd")));
    for (int lun = 0; lun < s.dataDisks(); lun++) {
      disks.add(
          new VmDisk(
              s.vm() + "-data" + lun,
              lun,
              new BlobRef(account.name(), DISK_CONTAINER, s.vm() + "-data" + lun + ".vhd")));
    }
    return disks;
  }

  private static VirtualMachine vm(
      Scenario s,
      String group,
      String region,
      PowerState state,
      List<VmDisk> disks,
      String networkId,
      String availabilitySet) {
    return new VirtualMachine(
        group,
        s.vm(),
        region,
        state,
        disks.get(0),
        disks.subList(1, disks.size()),
        networkId,
        availabilitySet);
  }

  private ResourceGroup group(String name, String region) {
    return azure.resources().createResourceGroup(SEEDER, new ResourceGroup(name, region));
  }

  /**
   * The VM's disk account in the group's region: the first name variant that is free or already
   * this group's, so that the other region's account (whose name may shorten to the same
   * characters) and a second seeding of the same world both work.
   */
  private StorageAccount account(String vm, ResourceGroup group) {
    String name =
        StorageAccountNaming.firstFreeOrOurs(
            ACCOUNT_PREFIX + vm,
            group.location(),
            null,
            azure.storage()::storageAccount,
            existing -> existing.resourceGroup().equalsIgnoreCase(group.name()));
    return azure
        .storage()
        .createStorageAccount(
            SEEDER,
            new StorageAccount(
                name, group.name(), group.location(), StorageAccount.KIND, Map.of()));
  }

  /** Picks {@code count} distinct values of [from, to) in ascending order (selection sampling). */
  private static List<Long> sample(SplittableRandom random, long from, long to, long count) {
    List<Long> picked = new ArrayList<>();
    long remaining = to - from;
    long needed = count;
    for (long value = from; value < to && needed > 0; value++, remaining--) {
      if (random.nextLong(remaining) < needed) {
        picked.add(value);
        needed--;
      }
    }
    return picked;
  }

  private static byte[] randomBlock(SplittableRandom random, int blockSize) {
    long[] words = new long[blockSize / Long.BYTES];
    for (int i = 0; i < words.length; i++) {
      words[i] = random.nextLong();
    }
    byte[] block = new byte[blockSize];
    ByteBuffer.wrap(block).order(ByteOrder.nativeOrder()).asLongBuffer().put(words);
    return block;
  }
}
