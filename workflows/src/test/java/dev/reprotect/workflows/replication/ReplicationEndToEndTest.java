package dev.reprotect.workflows.replication;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reprotect.activities.replication.CycleShipment;
import dev.reprotect.activities.replication.ReplicationCycleActivitiesImpl;
import dev.reprotect.azure.BlobRef;
import dev.reprotect.azure.BlockHash;
import dev.reprotect.azure.Caller;
import dev.reprotect.azure.RecoveryPoint;
import dev.reprotect.azure.ReplicatedItem;
import dev.reprotect.azure.VmCut;
import dev.reprotect.azure.sim.Scenario;
import dev.reprotect.workflows.reprotect.ProtectionSummary;
import dev.reprotect.workflows.reprotect.ReprotectFixture;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A reprotect and the replication cycles after it, with the real activities over the in-process
 * simulator while the guest writes to its disks: what each recovery point holds is read back from
 * the bytes and compared with the source's cuts.
 */
class ReplicationEndToEndTest {
  /** Reads done by the test itself, metered apart from any job's. */
  private static final Caller READER = Caller.of("replicationEndToEndTest");

  @RegisterExtension static final TestWorkflowExtension temporal = ReprotectFixture.temporal();

  /** The two disks of the scenario's VM: its OS disk and one data disk. */
  private static final String OS = "os";

  private static final String DATA = "lun0";
  private static final int BLOCKS =
      (int) (ReprotectFixture.DISK_SIZE / ReprotectFixture.BLOCK_SIZE);

  @AutoClose private EndToEnd e2e;

  private static Scenario twoDisks() {
    return ReprotectFixture.scenario().dataDisks(1).build();
  }

  @Test
  void writesDuringTheSyncStayOutOfTheFirstPointAndTheFirstCycleShipsThem(
      TestWorkflowEnvironment env, Worker worker) {
    e2e = new EndToEnd(twoDisks(), env, worker);
    byte[] osWrite = DiskBytes.pattern(e2e.blockSize(), 1);
    byte[] dataWrite = DiskBytes.pattern(e2e.blockSize(), 2);
    long osBlock = 3;
    long dataBlock = BLOCKS - 5;
    AtomicBoolean osWritten = new AtomicBoolean();
    AtomicBoolean dataWritten = new AtomicBoolean();
    // Inside the sync: cut 0 is taken before it starts, the guest goes on writing.
    e2e.azure
        .faults()
        .onCall(
            "transferBlocks",
            5,
            () -> {
              e2e.write(OS, osBlock, osWrite);
              osWritten.set(true);
            });
    e2e.azure
        .faults()
        .onCall(
            "transferBlocks",
            3,
            () -> {
              e2e.write(DATA, dataBlock, dataWrite);
              dataWritten.set(true);
            });

    // Cycle 1's timer may fire as the reprotect's result comes back, and the cycle deletes cut
    // 0 once it has shipped: its cut waits until point 0 has been read against cut 0.
    AtomicBoolean pointZeroChecked = new AtomicBoolean();
    e2e.azure
        .faults()
        .onCall(
            "holdWrites",
            2,
            () -> ReprotectFixture.await(Duration.ofMinutes(1), pointZeroChecked::get));

    ProtectionSummary summary = e2e.reprotect();

    assertThat(summary.state()).isEqualTo("Protected");
    assertThat(osWritten).as("the OS disk was written during the job").isTrue();
    assertThat(dataWritten).as("the data disk was written during the job").isTrue();
    RecoveryPoint first = onlyPoint();
    VmCut cut0 = e2e.cut(first.cutId());
    assertThat(first.time())
        .as("point 0 is dated at cut 0, not at the sync's end")
        .isEqualTo(cut0.time());
    assertThat(e2e.replication().status().points().get(0).time())
        .as("the replication's point 0 as the vault dates it")
        .isEqualTo(cut0.time());
    for (String slot : e2e.slots()) {
      BlobRef pointDisk = EndToEnd.pointDisk(first, slot);
      assertThat(DiskBytes.differingBlocks(e2e.storage, pointDisk, cut0.disk(slot).snapshot()))
          .as("the first point's %s against cut 0", slot)
          .isEmpty();
    }
    assertThat(DiskBytes.holds(e2e.storage, EndToEnd.pointDisk(first, OS), osBlock, osWrite))
        .as("a write made during the sync is not in the first point")
        .isFalse();
    assertThat(DiskBytes.holds(e2e.storage, EndToEnd.pointDisk(first, DATA), dataBlock, dataWrite))
        .as("a write made during the sync is not in the first point")
        .isFalse();
    pointZeroChecked.set(true);

    ReplicationCycle cycle = e2e.awaitSucceededCycle(1);

    VmCut cut1 = e2e.cut(cycle.cutId());
    for (String slot : e2e.slots()) {
      BlobRef snapshot = cut1.disk(slot).snapshot();
      BlobRef replica = e2e.replica(slot);
      assertThat(DiskBytes.differingBlocks(e2e.storage, replica, snapshot))
          .as("the replica of %s against cut 1, block by block", slot)
          .isEmpty();
      assertThat(DiskBytes.checksum(e2e.storage, replica))
          .as("the replica of %s against cut 1, by checksum", slot)
          .isEqualTo(DiskBytes.checksum(e2e.storage, snapshot))
          .isEqualTo(e2e.storage.checksum(READER, replica));
    }
    assertThat(DiskBytes.holds(e2e.storage, e2e.replica(OS), osBlock, osWrite))
        .as("the first cycle ships the write made during the sync")
        .isTrue();
    assertThat(DiskBytes.holds(e2e.storage, e2e.replica(DATA), dataBlock, dataWrite))
        .as("the first cycle ships the write made during the sync")
        .isTrue();
    assertThat(cycle.blocksChanged()).isEqualTo(2);
  }

  @Test
  void noRecoveryPointHoldsTheSecondWriteOfAPairWithoutTheFirst(
      TestWorkflowEnvironment env, Worker worker) {
    e2e = new EndToEnd(twoDisks(), env, worker);
    PairedWrites pairs = new PairedWrites(e2e, OS, DATA, BLOCKS / 2);
    // A pair before each block transfer: during the sync and during the shipments.
    e2e.beforeEachCall("transferBlocks", 400, pairs::pair);
    // Every cut (cut 0 too) falls between the two halves of a pair.
    e2e.beforeEachCall("holdWrites", 10, pairs::halfPair);

    e2e.reprotect();
    int cycles = 3;
    for (int cycle = 1; cycle <= cycles; cycle++) {
      pairs.pair();
      pairs.pair();
      e2e.awaitSucceededCycle(cycle);
    }

    List<RecoveryPoint> points = e2e.points();
    assertThat(points).hasSize(cycles + 1);
    List<String> bWithoutA = new ArrayList<>();
    int whole = 0;
    int halves = 0;
    for (RecoveryPoint point : points) {
      BlobRef a = EndToEnd.pointDisk(point, OS);
      BlobRef b = EndToEnd.pointDisk(point, DATA);
      for (int pair = 0; pair < pairs.started(); pair++) {
        boolean hasA = pairs.aHolds(e2e.storage, a, pair);
        boolean hasB = pairs.bHolds(e2e.storage, b, pair);
        if (hasB && !hasA) {
          bWithoutA.add(point.id() + " pair " + pair);
        }
        whole += hasA && hasB ? 1 : 0;
        halves += hasA && !hasB ? 1 : 0;
      }
    }
    assertThat(bWithoutA).as("points holding B's write of a pair without A's").isEmpty();
    assertThat(whole).as("pairs held whole by a point").isPositive();
    assertThat(halves).as("pairs a cut split, A's half held alone").isPositive();
  }

  @Test
  void everyPointRecordsTheChecksumsOfItsCutReadBackFromTheBytes(
      TestWorkflowEnvironment env, Worker worker) {
    e2e = new EndToEnd(twoDisks(), env, worker);
    Map<String, Map<String, String>> cutChecksums = new ConcurrentHashMap<>();
    // A cut goes once the next cycle has shipped: each is read while its point is being made.
    e2e.beforeEachCall(
        "createRecoveryPoint",
        10,
        () ->
            e2e.cuts()
                .forEach(cut -> cutChecksums.computeIfAbsent(cut.id(), id -> checksums(cut))));

    e2e.reprotect();
    List<String> pointsAfterWrites = new ArrayList<>(List.of(e2e.points().get(0).id()));
    for (int write = 1; write <= 2; write++) {
      int n = write;
      long cycle =
          e2e.writeIntoNextCut(
              () -> {
                e2e.write(OS, 10 + n, DiskBytes.pattern(e2e.blockSize(), 10 + n));
                e2e.write(DATA, 20 + n, DiskBytes.pattern(e2e.blockSize(), 20 + n));
              });
      pointsAfterWrites.add(e2e.awaitSucceededCycle(cycle).pointId());
    }

    List<RecoveryPoint> points = e2e.points();
    assertThat(points).extracting(RecoveryPoint::id).containsAll(pointsAfterWrites);
    for (RecoveryPoint point : points) {
      assertThat(cutChecksums)
          .as("cuts read while %s was made", point.id())
          .containsKey(point.cutId());
      assertThat(point.diskChecksums())
          .as("%s from %s", point.id(), point.cutId())
          .isEqualTo(cutChecksums.get(point.cutId()));
      for (String slot : e2e.slots()) {
        assertThat(DiskBytes.checksum(e2e.storage, EndToEnd.pointDisk(point, slot)))
            .as("%s of %s read back", slot, point.id())
            .isEqualTo(point.diskChecksums().get(slot));
      }
    }
    assertThat(points)
        .filteredOn(point -> pointsAfterWrites.contains(point.id()))
        .extracting(RecoveryPoint::diskChecksums)
        .hasSize(3)
        .doesNotHaveDuplicates();
  }

  private Map<String, String> checksums(VmCut cut) {
    Map<String, String> bySlot = new HashMap<>();
    cut.disks()
        .forEach(disk -> bySlot.put(disk.slot(), DiskBytes.checksum(e2e.storage, disk.snapshot())));
    return bySlot;
  }

  @Test
  void aCycleStagesItsChangedBlocksInTheCacheAccountAndShipsOnlyThem(
      TestWorkflowEnvironment env, Worker worker) {
    e2e = new EndToEnd(twoDisks(), env, worker);
    e2e.reprotect();
    ReplicatedItem item = e2e.fixture.item();
    String source = item.source().region();
    String target = item.target().region();
    String cache = item.cacheStorageAccount();
    assertThat(e2e.storage.storageAccount(cache).orElseThrow().location()).isEqualTo(source);
    assertThat(staging(cache)).isEmpty();
    Set<String> stagedDuringTheCycle = ConcurrentHashMap.newKeySet();
    e2e.beforeEachCall("transferBlocks", 20, () -> stagedDuringTheCycle.addAll(staging(cache)));
    int osBlocks = 5;
    int dataBlocks = 3;
    long next =
        e2e.writeIntoNextCut(
            () -> {
              for (int i = 0; i < osBlocks; i++) {
                e2e.write(OS, 10 + i, DiskBytes.pattern(e2e.blockSize(), 30 + i));
              }
              for (int i = 0; i < dataBlocks; i++) {
                e2e.write(DATA, 40 + i, DiskBytes.pattern(e2e.blockSize(), 30 + osBlocks + i));
              }
            });
    int changed = osBlocks + dataBlocks;
    long changedBytes = (long) changed * e2e.blockSize();
    long shippedBefore = e2e.azure.metering().bytesTransferred(source, target);
    long returnedBefore = e2e.azure.metering().bytesTransferred(target, source);

    ReplicationCycle cycle = e2e.awaitSucceededCycle(next);

    String vm = e2e.fixture.scenario.vm();
    assertThat(stagedDuringTheCycle)
        .containsExactlyInAnyOrder(
            vm + "." + cycle.cutId() + "." + OS + ".vhd",
            vm + "." + cycle.cutId() + "." + DATA + ".vhd");
    assertThat(staging(cache)).as("staging blobs left after the cycle").isEmpty();
    assertThat(cycle.blocksChanged()).isEqualTo(changed);
    assertThat(cycle.bytesStaged()).isEqualTo(changedBytes);
    assertThat(cycle.bytesShipped()).isEqualTo(changedBytes);
    // With a base cut, the diff is found in the source region: only the blocks cross.
    assertThat(e2e.azure.metering().bytesTransferred(source, target) - shippedBefore)
        .isEqualTo(changedBytes);
    assertThat(e2e.azure.metering().bytesTransferred(target, source) - returnedBefore).isZero();

    // Without a base (the replicas hold no known cut: an item replicated before the item
    // recorded it) the replicas' hash lists cross as well.
    e2e.azure
        .recoveryServices()
        .putReplicatedItem(EndToEnd.OPERATOR, e2e.fixture.item().withReplicaCuts(null));
    int rewritten = 4;
    for (int block = 0; block < rewritten; block++) {
      e2e.write(OS, 60 + block, DiskBytes.pattern(e2e.blockSize(), 50 + block));
    }
    long replicaBlocks =
        e2e.slots().stream()
            .mapToLong(slot -> DiskBytes.allocatedBlocks(e2e.storage, e2e.replica(slot)))
            .sum();
    shippedBefore = e2e.azure.metering().bytesTransferred(source, target);
    returnedBefore = e2e.azure.metering().bytesTransferred(target, source);
    CycleShipment shipment = e2e.takeAndShipCut(null, "e2e.nobase");

    assertThat(shipment.blocksChanged()).isEqualTo(rewritten);
    assertThat(e2e.azure.metering().bytesTransferred(source, target) - shippedBefore)
        .isEqualTo((long) rewritten * e2e.blockSize());
    assertThat(e2e.azure.metering().bytesTransferred(target, source) - returnedBefore)
        .isEqualTo(replicaBlocks * BlockHash.WIRE_BYTES);
    assertThat(staging(cache)).isEmpty();
  }

  private List<String> staging(String cache) {
    return e2e.storage.blobs(cache, ReplicationCycleActivitiesImpl.STAGING_CONTAINER).stream()
        .map(blob -> blob.ref().blob())
        .toList();
  }

  private RecoveryPoint onlyPoint() {
    List<RecoveryPoint> points = e2e.points();
    assertThat(points).hasSize(1);
    return points.get(0);
  }
}
