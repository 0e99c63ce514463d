package dev.reprotect.activities.replication;

import static dev.reprotect.activities.replication.ShipmentTestWorld.TOTAL_BLOCKS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reprotect.activities.Rendezvous;
import dev.reprotect.azure.AzureErrorCode;
import dev.reprotect.azure.BlobRef;
import dev.reprotect.azure.ReplicaDisk;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The shipment of a cut of a VM with two disks: the disks ship at once, several ranges each, the
 * replicas end equal to the cut from their bytes, a retry resumes each disk from its own safe point
 * (also from the details of a worker that shipped the disks one after the other) and counts each
 * changed block once, and a cancelled shipment stops every thread it started.
 */
class ShipCutTest {
  private static final int BLOCKS_PER_RANGE = 4;

  /** Changed blocks per range: one, so that each range with a change is one batch, two calls. */
  private static final long CHANGED_BLOCK_IN_RANGE = 1;

  /** One block in every range of the VM's two disks. */
  private static final long CHANGED_BLOCKS = 2 * TOTAL_BLOCKS / BLOCKS_PER_RANGE;

  private ShipmentTestWorld world;

  @AfterEach
  void close() {
    world.close();
  }

  @Test
  void theDisksOfACutShipAtOnce() {
    // One range per disk: a disk's calls come one after the other, so two at once are two disks'.
    world = new ShipmentTestWorld(1, (int) TOTAL_BLOCKS);
    Rendezvous firstCallsOfTwoDisks = new Rendezvous();
    int done = world.transferCalls();
    world
        .azure
        .faults()
        .onCall("transferBlocks", done + 1, firstCallsOfTwoDisks)
        .onCall("transferBlocks", done + 2, firstCallsOfTwoDisks);

    CutTaken cut = world.takeCut("c0");
    CycleShipment shipped = world.ship("c0");

    assertThat(world.replicas()).hasSize(2);
    assertThat(shipped.blocksChanged()).isPositive();
    world.assertReplicasEqual(cut);
  }

  @Test
  void rangesOfOneDiskAreInFlightAtOnce() {
    world = new ShipmentTestWorld(0, BLOCKS_PER_RANGE);
    Rendezvous twoRanges = new Rendezvous();
    int done = world.transferCalls();
    world
        .azure
        .faults()
        .onCall("transferBlocks", done + 1, twoRanges)
        .onCall("transferBlocks", done + 2, twoRanges);

    CutTaken cut = world.takeCut("c0");
    world.ship("c0");

    world.assertReplicasEqual(cut);
  }

  /** A disk attached after the protection has no replica: the others ship, and it is said. */
  @Test
  void aDiskAttachedAfterTheProtectionIsReportedWhileTheOthersShip() {
    world = new ShipmentTestWorld(1, BLOCKS_PER_RANGE);
    List<ReplicaDisk> all = world.replicas();
    world.replicateOnly(all.subList(0, 1));
    world.write(all.get(0).slot(), 3, 7);
    world.write(all.get(1).slot(), 3, 7);

    CycleShipment shipped = world.takeAndShip("c0");

    assertThat(shipped.diskSetChange())
        .contains(all.get(1).sourceDisk(), all.get(1).slot(), "not replicated");
    assertThat(world.replicas()).hasSize(1);
    world.assertReplicasEqual(world.takeCut("c0"));
  }

  /**
   * A disk attached after the protection, added: its replica holds the base cut's bytes, and from
   * the next shipment on it ships its changes as the others do, with nothing left to say.
   */
  @Test
  void aDiskAddedToTheReplicationShipsFromTheNextCycleOn() {
    world = new ShipmentTestWorld(1, BLOCKS_PER_RANGE);
    List<ReplicaDisk> all = world.replicas();
    ReplicaDisk attached = all.get(1);
    world.replicateOnly(all.subList(0, 1));
    world.write(attached.slot(), 3, 7);
    CutTaken base = world.takeCut("c0");
    assertThat(world.ship("c0").diskSetChange()).contains(attached.sourceDisk());

    ReplicaAdded added =
        world.cycle.addReplicaDisk(
            new AddReplicaDisk(
                world.scenario.vault(), world.scenario.vm(), attached.sourceDisk(), "c0"));

    assertThat(added.slot()).isEqualTo(attached.slot());
    assertThat(world.replicas())
        .extracting(ReplicaDisk::slot)
        .containsExactly(all.get(0).slot(), attached.slot());
    world.assertReplicasEqual(base);
    world.write(attached.slot(), 5, 9);
    CutTaken next = world.takeCut("c1");
    CycleShipment shipped = world.ship("c1");
    assertThat(shipped.diskSetChange()).isNull();
    assertThat(shipped.blocksChanged()).isEqualTo(1);
    world.assertReplicasEqual(next);
    assertThatThrownBy(
            () ->
                world.cycle.addReplicaDisk(
                    new AddReplicaDisk(
                        world.scenario.vault(), world.scenario.vm(), "no-such-disk", "c1")))
        .isInstanceOf(ActivityFailure.class)
        .hasStackTraceContaining("DiskNotFound");
  }

  /** A disk detached keeps its replica, left as it was; the others ship, and it is said. */
  @Test
  void aDiskDetachedIsReportedWhileTheOthersShip() {
    world = new ShipmentTestWorld(0, BLOCKS_PER_RANGE);
    ReplicaDisk os = world.replicas().get(0);
    BlobRef gone =
        new BlobRef(os.replica().storageAccount(), os.replica().container(), "detached.lun4.vhd");
    world.azure.storage().createPageBlob(ShipmentTestWorld.TEST, gone, ShipmentTestWorld.DISK_SIZE);
    world.replicateOnly(List.of(os, new ReplicaDisk("lun4", "data-4", gone)));
    world.write(os.slot(), 3, 7);

    CycleShipment shipped = world.takeAndShip("c0");

    assertThat(shipped.diskSetChange()).contains("data-4", "lun4", "no longer on");
    assertThat(shipped.blocksChanged()).isPositive();
    assertThat(world.azure.storage().blob(gone).orElseThrow().allocatedBytes())
        .as("the detached disk's replica, untouched")
        .isZero();
  }

  @Test
  void theChangedBlocksOfEveryDiskEndEqualOnTheReplicas() {
    CutTaken cut = secondCutAfterAChangeInEveryRange(1);

    CycleShipment shipped = world.ship("c1");

    assertThat(shipped.blocksChanged()).isEqualTo(CHANGED_BLOCKS);
    assertThat(shipped.bytesStaged()).isEqualTo(CHANGED_BLOCKS * ShipmentTestWorld.BLOCK_SIZE);
    world.assertReplicasEqual(cut);
  }

  /**
   * A transfer of one disk fails half way, once the SDK has sent a heartbeat with progress; the
   * retry, from that heartbeat, calls for exactly the ranges after each disk's safe point.
   */
  @Test
  void aRetryResumesEachDiskFromItsSafePointAndEndsEqual() {
    CutTaken cut = secondCutAfterAChangeInEveryRange(2);
    failTransferOnceHeartbeated(
        world.transferCalls() + (int) CHANGED_BLOCKS,
        details -> details.disks().stream().anyMatch(disk -> disk.nextBlock() > 0));

    assertThatThrownBy(() -> world.ship("c1"))
        .isInstanceOf(ActivityFailure.class)
        .cause()
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure ->
                assertThat(failure.getType()).isEqualTo(AzureErrorCode.InternalServerError.name()));
    ShipmentProgress last = world.heartbeats.get(world.heartbeats.size() - 1);
    long toResend = changedBlocksFrom(last);
    assertThat(toResend).as("blocks after the safe points").isPositive().isLessThan(CHANGED_BLOCKS);

    world.temporal.setHeartbeatDetails(last);
    int before = world.transferCalls();
    world.ship("c1");

    // A stage and a ship per range with a change after the safe point, nothing before it.
    assertThat(world.transferCalls() - before).isEqualTo(2 * toResend);
    world.assertReplicasEqual(cut);
  }

  /**
   * A transfer hangs while the other ranges of the shipment are sent, then fails: the attempt sent
   * ranges above its disk's safe point, which the retry visits again from that safe point (sends
   * them again when their blocks are found from the cuts; finds them equal when it compares with
   * the replicas, as without the replicas' base cut). The shipment reports each changed block once
   * all the same, and the bytes that really moved.
   */
  @ParameterizedTest(name = "compared with the replicas: {0}")
  @ValueSource(booleans = {false, true})
  void aRetryCountsTheRangesSentAboveTheSafePointOnce(boolean compared) {
    CutTaken cut = secondCutAfterAChangeInEveryRange(5);
    if (compared) {
      // Without the replicas' base cut, the shipment compares every allocated block by hash.
      world.cycle.deleteCut(new DeleteCut(world.scenario.vault(), world.scenario.vm(), "c0"));
    }
    long blockSize = ShipmentTestWorld.BLOCK_SIZE;
    long crossedBefore = bytesAcross();
    // The shipment's first transfer, the staging of a range among the first of its disk, waits
    // until every other range of the cut was sent and heartbeated, then fails.
    failTransferOnceHeartbeated(
        world.transferCalls() + 1, details -> staged(details) == (CHANGED_BLOCKS - 1) * blockSize);

    assertThatThrownBy(() -> world.ship("c1")).isInstanceOf(ActivityFailure.class);
    ShipmentProgress last = world.heartbeats.get(world.heartbeats.size() - 1);
    long toResend = changedBlocksFrom(last);
    assertThat(staged(last) / blockSize)
        .as("blocks the failed attempt sent, more than its safe points cover")
        .isEqualTo(CHANGED_BLOCKS - 1)
        .isGreaterThan(CHANGED_BLOCKS - toResend);
    assertThat(toResend)
        .as("blocks from the safe points on: the hung range and ranges sent above it")
        .isGreaterThan(1);

    world.temporal.setHeartbeatDetails(last);
    int before = world.transferCalls();
    CycleShipment shipped = world.ship("c1");

    assertThat(world.transferCalls() - before)
        .as("ranges sent again: those after the safe points, or only the hung one once compared")
        .isEqualTo(2 * (compared ? 1 : toResend));
    assertThat(shipped.blocksChanged()).isEqualTo(CHANGED_BLOCKS);
    assertThat(shipped.bytesStaged()).isEqualTo(CHANGED_BLOCKS * blockSize);
    assertThat(shipped.bytesShipped()).isEqualTo(bytesAcross() - crossedBefore).isPositive();
    assertThat(shipped.blocksRepaired()).isZero();
    world.assertReplicasEqual(cut);
  }

  /**
   * Records the shipment's heartbeats from now on; transfer call {@code call} waits until one that
   * {@code awaited} accepts reached the service, then fails.
   */
  private void failTransferOnceHeartbeated(int call, Predicate<ShipmentProgress> awaited) {
    CountDownLatch heartbeated = new CountDownLatch(1);
    world.heartbeats.clear();
    world.temporal.setActivityHeartbeatListener(
        ShipmentProgress.class,
        details -> {
          world.heartbeats.add(details);
          if (awaited.test(details)) {
            heartbeated.countDown();
          }
        });
    world
        .azure
        .faults()
        .onCall("transferBlocks", call, () -> await(heartbeated))
        .failCalls("transferBlocks", call, 1, AzureErrorCode.InternalServerError);
  }

  /** The bytes staged of every disk in {@code progress}. */
  private static long staged(ShipmentProgress progress) {
    return progress.disks().stream().mapToLong(DiskProgress::bytesStaged).sum();
  }

  /** The bytes metered between the item's two regions so far, either way. */
  private long bytesAcross() {
    String source = world.item().source().region();
    String target = world.item().target().region();
    return world.azure.metering().bytesTransferred(source, target)
        + world.azure.metering().bytesTransferred(target, source);
  }

  /**
   * A retry of an attempt by a worker that shipped the disks in turn (it sent the OS disk whole and
   * the data disk up to block 8, then heartbeated) resumes where that worker was.
   */
  @Test
  void aRetryResumesFromTheDetailsOfAWorkerThatShippedTheDisksInTurn() {
    CutTaken cut = secondCutAfterAChangeInEveryRange(3);
    long resumeAt = 8;
    List<ReplicaDisk> replicas = world.replicas();
    sendAsTheOldWorkerDid(cut, replicas.get(0), TOTAL_BLOCKS);
    sendAsTheOldWorkerDid(cut, replicas.get(1), resumeAt);
    world.temporal.setHeartbeatDetails(new SerialShipmentProgress(1, resumeAt, 20, 0, 0, 0));
    int before = world.transferCalls();

    CycleShipment shipped = world.ship("c1");

    long rangesLeft = (TOTAL_BLOCKS - resumeAt) / BLOCKS_PER_RANGE;
    assertThat(world.transferCalls() - before).isEqualTo(2 * rangesLeft);
    assertThat(shipped.blocksChanged()).isEqualTo(20 + rangesLeft);
    assertThat(shipped.blocksRepaired()).isZero();
    world.assertReplicasEqual(cut);
  }

  /**
   * The replication's stop cancels a shipment while a transfer of it hangs: the activity
   * acknowledges at its next heartbeat, interrupts its threads and returns only once none runs, so
   * no call comes after it.
   */
  @Test
  void aCancelledShipmentStopsEveryThreadItStarted() {
    secondCutAfterAChangeInEveryRange(4);
    AtomicBoolean hungCallInterrupted = new AtomicBoolean();
    world
        .azure
        .faults()
        .onCall(
            "transferBlocks",
            world.transferCalls() + 3,
            () -> {
              world.temporal.requestCancelActivity();
              try {
                new CountDownLatch(1).await(1, TimeUnit.MINUTES);
              } catch (InterruptedException stopped) {
                hungCallInterrupted.set(true);
                throw new IllegalStateException("the shipment stopped its call", stopped);
              }
            });

    assertThatThrownBy(() -> world.ship("c1")).isInstanceOf(CanceledFailure.class);
    int callsAtTheEnd = world.transferCalls();

    assertThat(hungCallInterrupted).isTrue();
    assertThat(Thread.getAllStackTraces().keySet())
        .noneMatch(thread -> thread.isAlive() && thread.getName().startsWith("ship-"));
    assertThat(world.transferCalls()).isEqualTo(callsAtTheEnd);
  }

  /**
   * A VM of two disks whose cut {@code c0} is on the replicas; then the guest writes one block in
   * every range of each disk, with bytes of {@code seed}, and cut {@code c1} is taken.
   */
  private CutTaken secondCutAfterAChangeInEveryRange(int seed) {
    world = new ShipmentTestWorld(1, BLOCKS_PER_RANGE);
    world.takeAndShip("c0");
    for (ReplicaDisk replica : world.replicas()) {
      for (long range = 0; range < TOTAL_BLOCKS; range += BLOCKS_PER_RANGE) {
        world.write(replica.slot(), range + CHANGED_BLOCK_IN_RANGE, seed);
      }
    }
    return world.takeCut("c1");
  }

  /** What the previous worker sent of a disk of the cut before it stopped: up to {@code end}. */
  private void sendAsTheOldWorkerDid(CutTaken cut, ReplicaDisk replica, long end) {
    BlobRef snapshot =
        cut.disks().stream()
            .filter(disk -> disk.slot().equals(replica.slot()))
            .findFirst()
            .orElseThrow()
            .snapshot();
    world
        .azure
        .storage()
        .transferBlocks(
            ShipmentTestWorld.TEST,
            snapshot,
            replica.replica(),
            LongStream.range(0, end).boxed().toList());
  }

  /** The changed blocks at or after each unfinished disk's safe point in {@code progress}. */
  private long changedBlocksFrom(ShipmentProgress progress) {
    Map<String, Long> from = new HashMap<>();
    progress.disks().stream()
        .filter(disk -> !disk.done())
        .forEach(disk -> from.put(disk.slot(), disk.nextBlock()));
    return world.replicas().stream()
        .map(ReplicaDisk::slot)
        .filter(from::containsKey)
        .mapToLong(
            slot ->
                LongStream.range(0, TOTAL_BLOCKS / BLOCKS_PER_RANGE)
                    .map(range -> range * BLOCKS_PER_RANGE + CHANGED_BLOCK_IN_RANGE)
                    .filter(block -> block >= from.get(slot))
                    .count())
        .sum();
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(1, TimeUnit.MINUTES)) {
        throw new IllegalStateException("no heartbeat with progress reached the service");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
