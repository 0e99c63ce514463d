package dev.reprotect.activities.replication;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reprotect.azure.BlobRef;
import dev.reprotect.azure.Caller;
import dev.reprotect.azure.ItemSide;
import dev.reprotect.azure.ReplicaDisk;
import dev.reprotect.azure.ReplicatedItem;
import dev.reprotect.azure.ResourceGroup;
import dev.reprotect.azure.StorageAccount;
import dev.reprotect.azure.VmDisk;
import dev.reprotect.azure.sim.Scenario;
import dev.reprotect.azure.sim.SimulatedAzure;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.testing.TestActivityEnvironment;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A seeded simulator whose item replicates its VM's disks to empty replicas, and the cycle's
 * activities over it in a test activity environment: cuts taken and shipped as a cycle does.
 */
final class ShipmentTestWorld implements AutoCloseable {
  /** Reads and writes done by the test itself, metered apart from the shipment's. */
  static final Caller TEST = Caller.of("shipmentTestWorld");

  static final int BLOCK_SIZE = 64 * 1024;
  static final long DISK_SIZE = 4L << 20;
  static final long TOTAL_BLOCKS = DISK_SIZE / BLOCK_SIZE;

  /**
   * One attempt per call; a short heartbeat timeout, so that the SDK sends the heartbeats (at most
   * every 0.8 of it) and a cancellation reaches the activity soon.
   */
  static final ActivityOptions OPTIONS =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofMinutes(2))
          .setHeartbeatTimeout(Duration.ofSeconds(1))
          .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
          .build();

  final Scenario scenario;
  final SimulatedAzure azure;
  final TestActivityEnvironment temporal = TestActivityEnvironment.newInstance();
  final List<ShipmentProgress> heartbeats = new CopyOnWriteArrayList<>();
  final ReplicationCycleActivities cycle;
  private String base;

  /** A VM with {@code dataDisks} data disks beside its OS disk, ranges of that many blocks. */
  ShipmentTestWorld(int dataDisks, int blocksPerRange) {
    scenario =
        Scenario.builder()
            .diskSizeBytes(DISK_SIZE)
            .dataDisks(dataDisks)
            .targetVm(Scenario.TargetVm.Deleted)
            .build();
    azure = SimulatedAzure.seeded(scenario, BLOCK_SIZE);
    replicateToEmptyReplicas();
    temporal.registerActivitiesImplementations(
        new ReplicationCycleActivitiesImpl(azure, blocksPerRange));
    temporal.setActivityHeartbeatListener(ShipmentProgress.class, heartbeats::add);
    cycle = temporal.newActivityStub(ReplicationCycleActivities.class, OPTIONS);
  }

  /** The item replicates to new, empty replicas in the target region via a new cache account. */
  private void replicateToEmptyReplicas() {
    ReplicatedItem item = item();
    ItemSide target = item.target();
    azure
        .resources()
        .createResourceGroup(TEST, new ResourceGroup(target.resourceGroup(), target.region()));
    azure
        .storage()
        .createStorageAccount(
            TEST,
            new StorageAccount(
                "streplicas",
                target.resourceGroup(),
                target.region(),
                StorageAccount.KIND,
                Map.of()));
    azure
        .storage()
        .createStorageAccount(
            TEST,
            new StorageAccount(
                "stcache",
                item.source().resourceGroup(),
                item.source().region(),
                StorageAccount.KIND,
                Map.of()));
    List<ReplicaDisk> replicas =
        sourceDisks().stream()
            .map(
                disk -> {
                  BlobRef replica =
                      new BlobRef(
                          "streplicas", "replicas", scenario.vm() + "." + disk.slot() + ".vhd");
                  azure.storage().createPageBlob(TEST, replica, DISK_SIZE);
                  return new ReplicaDisk(disk.slot(), disk.name(), replica);
                })
            .toList();
    azure
        .recoveryServices()
        .putReplicatedItem(
            TEST,
            item.withReplicationTo(
                new ItemSide(target.region(), target.resourceGroup(), "streplicas"),
                item.source().network(),
                "stcache",
                replicas,
                1));
  }

  /**
   * The item's replicas are {@code replicas} from now on: fewer than the VM's disks, as after a
   * disk was attached to it, or one more, as after a disk was detached.
   */
  void replicateOnly(List<ReplicaDisk> replicas) {
    ReplicatedItem item = item();
    azure
        .recoveryServices()
        .putReplicatedItem(
            TEST,
            item.withReplicationTo(
                item.target(), item.source().network(), item.cacheStorageAccount(), replicas, 1));
  }

  ReplicatedItem item() {
    return azure.recoveryServices().replicatedItem(scenario.vault(), scenario.vm()).orElseThrow();
  }

  List<VmDisk> sourceDisks() {
    return azure
        .compute()
        .virtualMachine(item().source().resourceGroup(), scenario.vm())
        .orElseThrow()
        .disks();
  }

  List<ReplicaDisk> replicas() {
    return item().replicaDisks();
  }

  /** Takes cut {@code cutId}; the next shipment ships it against the last one shipped. */
  CutTaken takeCut(String cutId) {
    return cycle.takeCut(new TakeCut(scenario.vault(), scenario.vm(), cutId, false));
  }

  /** Ships cut {@code cutId}, taken already, against the last cut shipped whole. */
  CycleShipment ship(String cutId) {
    CycleShipment shipped =
        cycle.shipCut(new ShipCut(scenario.vault(), scenario.vm(), base, cutId));
    base = cutId;
    return shipped;
  }

  /** Takes and ships cut {@code cutId}. */
  CycleShipment takeAndShip(String cutId) {
    takeCut(cutId);
    return ship(cutId);
  }

  /** The guest writes {@code block} of the disk in {@code slot} with bytes of {@code seed}. */
  void write(String slot, long block, int seed) {
    byte[] data = new byte[BLOCK_SIZE];
    Arrays.fill(data, (byte) seed);
    data[0] = (byte) block;
    azure.workload().write(item().source().resourceGroup(), scenario.vm(), slot, block, data);
  }

  /** Each replica holds the bytes of its disk at {@code cut}, as both sides' bytes hash. */
  void assertReplicasEqual(CutTaken cut) {
    for (ReplicaDisk replica : replicas()) {
      BlobRef snapshot =
          cut.disks().stream()
              .filter(disk -> disk.slot().equals(replica.slot()))
              .findFirst()
              .orElseThrow()
              .snapshot();
      assertThat(azure.storage().checksum(TEST, replica.replica()))
          .as("replica of %s", replica.slot())
          .isEqualTo(azure.storage().checksum(TEST, snapshot));
    }
  }

  int transferCalls() {
    return azure.faults().callCount("transferBlocks");
  }

  @Override
  public void close() {
    temporal.close();
    azure.close();
  }
}
