package dev.reprotect.activities.sync;

import static dev.reprotect.activities.sync.FailedOverDisk.BLOCKS;
import static dev.reprotect.activities.sync.FailedOverDisk.BLOCK_SIZE;
import static dev.reprotect.activities.sync.FailedOverDisk.CUT_0;
import static dev.reprotect.activities.sync.FailedOverDisk.NEW;
import static dev.reprotect.activities.sync.FailedOverDisk.NEW_BASE;
import static dev.reprotect.activities.sync.FailedOverDisk.NEW_REGION;
import static dev.reprotect.activities.sync.FailedOverDisk.NEW_SIDE_WRITES;
import static dev.reprotect.activities.sync.FailedOverDisk.REPLICA_BASE;
import static dev.reprotect.activities.sync.FailedOverDisk.SEED;
import static dev.reprotect.activities.sync.FailedOverDisk.STALE;
import static dev.reprotect.activities.sync.FailedOverDisk.STALE_CUT;
import static dev.reprotect.activities.sync.FailedOverDisk.STALE_REGION;
import static dev.reprotect.activities.sync.FailedOverDisk.STALE_SIDE_WRITES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reprotect.activities.DiskSyncInput;
import dev.reprotect.activities.ReplicationErrorCode;
import dev.reprotect.activities.SyncProgress;
import dev.reprotect.azure.AzureErrorCode;
import dev.reprotect.azure.BlobRef;
import dev.reprotect.azure.Caller;
import dev.reprotect.azure.PageRanges;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The changed-block sync after a failover: the replica (the seed of the stale disk) ends equal to
 * the new side's cut from the bytes, reading on each side only the blocks written since the
 * failover on either side; the stale side's changes survive the stale disk's deletion as the seed's
 * own diff; a crash resumes; a diff against another blob's snapshot is refused.
 */
class ChangedBlockSyncTest {
  private static final Caller READER = Caller.of("changed-block-sync-test");

  /** The blocks changed since the failover on either side, ascending. */
  private static final List<Long> UNION =
      List.copyOf(
          new TreeSet<>(
              Stream.concat(NEW_SIDE_WRITES.stream(), STALE_SIDE_WRITES.stream()).toList()));

  private final FailedOverDisk world = new FailedOverDisk();

  @AfterEach
  void close() {
    world.close();
  }

  private static List<Long> blocksOf(PageRanges ranges) {
    return ranges.ranges().stream()
        .flatMap(range -> LongStream.range(range.firstBlock(), range.endBlock()).boxed())
        .toList();
  }

  /** Bytes read in {@code region} so far, by every caller. */
  private long bytesReadIn(String region) {
    return world.azure.metering().costsBy("").bytesReadIn(region);
  }

  private static void assertRefused(Runnable call, String type) {
    assertThatThrownBy(call::run)
        .isInstanceOf(ActivityFailure.class)
        .cause()
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> {
              assertThat(failure.getType()).isEqualTo(type);
              assertThat(failure.isNonRetryable()).isTrue();
            });
  }

  private ChangedBlockSync syncWithBases(BlobRef sourceBase, BlobRef replicaBase) {
    DiskSyncInput sync = world.syncInput().sync();
    return new ChangedBlockSync(sync, sourceBase, replicaBase);
  }

  @Test
  void theSeedEqualsTheStaleDiskAndKeepsItsChangesAsItsOwnDiffOnceTheStaleDiskIsGone() {
    String staleBytes = world.bytesOf(STALE);

    SeededFromStaleCut seeded = world.seeder.seedFromStaleCut(world.seedInput());
    SeededFromStaleCut again = world.seeder.seedFromStaleCut(world.seedInput());

    assertThat(world.bytesOf(SEED)).isEqualTo(staleBytes);
    assertThat(seeded.blocksChangedSinceCut()).isEqualTo(STALE_SIDE_WRITES.size());
    assertThat(seeded.seedBytes())
        .isEqualTo(world.azure.storage().blob(STALE).orElseThrow().allocatedBytes());
    assertThat(again).as("a retry finds the seed built").isEqualTo(seeded);
    assertThat(
            world.azure.metering().activityLog().stream()
                .filter(
                    entry ->
                        entry.operation().endsWith("/copy")
                            && entry.resourceId().contains(SEED.container())))
        .as("one copy, the retry's found it")
        .hasSize(1);
    assertThat(world.bytesOf(REPLICA_BASE)).isEqualTo(world.bytesOf(STALE_CUT));
    world.azure.storage().deleteBlob(READER, STALE);
    world.azure.storage().deleteBlob(READER, STALE_CUT);
    assertThat(
            blocksOf(
                world.azure.storage().pageRangesDiff(READER, SEED, REPLICA_BASE, 0, BLOCKS, 100)))
        .isEqualTo(STALE_SIDE_WRITES);
  }

  @Test
  void aDiskWrittenOnBothSidesEndsEqualToTheCutReadingOnlyTheChangedBlocks() {
    world.seededAndStaleVmDeleted();
    String seedBefore = world.bytesOf(SEED);

    ChangedBlockSyncResult result = world.sync.syncChangedBlocks(world.syncInput());

    assertThat(world.bytesOf(SEED))
        .isEqualTo(world.bytesOf(CUT_0))
        .isNotEqualTo(seedBefore)
        .as("the write after cut 0 waits for the next cycle")
        .isNotEqualTo(world.bytesOf(NEW));
    assertThat(result.synced().targetChecksum()).isEqualTo(result.synced().sourceChecksum());
    assertThat(result.synced().blocksRepaired()).isZero();
    assertThat(result.blocksChangedOnSource()).isEqualTo(NEW_SIDE_WRITES.size());
    assertThat(result.blocksChangedOnReplica()).isEqualTo(STALE_SIDE_WRITES.size());
    assertThat(result.bytesChanged()).isEqualTo((long) UNION.size() * BLOCK_SIZE);
    assertThat(result.synced().blocksCopied() + result.synced().blocksCleared())
        .isEqualTo(UNION.size());
    // The source's side reads the changed blocks it holds, a fraction of its data; the
    // replica's reads none: the transfer overwrites a block recorded under another hash
    // without reading it, and the verification compares recorded hashes.
    long changedWithData = world.withData(CUT_0, UNION) * BLOCK_SIZE;
    assertThat(result.meters().bytesReadOnSource())
        .isEqualTo(changedWithData)
        .isLessThan(world.azure.storage().blob(CUT_0).orElseThrow().allocatedBytes() / 4);
    assertThat(result.meters().bytesReadOnReplica()).isZero();
    assertThat(result.meters().bytesSent())
        .isEqualTo(result.synced().bytesTransferred())
        .isEqualTo(changedWithData);
    assertThat(result.readOverChanged()).isLessThanOrEqualTo(2.1);
  }

  @Test
  void aCrashMidSyncResumesFromItsHeartbeatAndEndsEqual() {
    world.seededAndStaleVmDeleted();
    // A batch of the sync is applied, and its answer lost: the worker died there.
    int seedTransfers = world.azure.faults().callCount("transferBlocks");
    world
        .azure
        .faults()
        .loseAnswers("transferBlocks", seedTransfers + 2, 1, AzureErrorCode.InternalServerError);
    assertThatThrownBy(() -> world.sync.syncChangedBlocks(world.syncInput()))
        .isInstanceOf(ActivityFailure.class);
    SyncProgress last = world.heartbeats.get(world.heartbeats.size() - 1);
    assertThat(last.nextBlock()).isPositive().isLessThan(BLOCKS);
    // What the retry visits: the blocks changed on the new side, and those where the replica
    // differs from its base now (the lost batch made some equal to the base again), from the
    // heartbeat on. Of those, the ones the lost batch wrote already are read on the replica's
    // side too, to be checked before they are skipped.
    TreeSet<Long> visited = new TreeSet<>(NEW_SIDE_WRITES);
    visited.addAll(
        blocksOf(world.azure.storage().pageRangesDiff(READER, SEED, REPLICA_BASE, 0, BLOCKS, 100)));
    List<Long> fromHeartbeat = visited.tailSet(last.nextBlock()).stream().toList();
    List<Long> writtenAlready =
        fromHeartbeat.stream().filter(block -> world.sameBytes(SEED, CUT_0, block)).toList();
    long sourceRead = bytesReadIn(NEW_REGION);
    long replicaRead = bytesReadIn(STALE_REGION);

    ChangedBlockSyncResult resumed = world.resumedFrom(last);
    sourceRead = bytesReadIn(NEW_REGION) - sourceRead;
    replicaRead = bytesReadIn(STALE_REGION) - replicaRead;

    assertThat(resumed.synced().resumedFromBlock()).isEqualTo(last.nextBlock());
    assertThat(world.bytesOf(SEED)).isEqualTo(world.bytesOf(CUT_0));
    assertThat(resumed.synced().targetChecksum()).isEqualTo(resumed.synced().sourceChecksum());
    assertThat(resumed.bytesChanged())
        .as("the union as the retry listed it")
        .isEqualTo((long) visited.size() * BLOCK_SIZE);
    assertThat(sourceRead)
        .isEqualTo(resumed.meters().bytesReadOnSource())
        .isEqualTo(world.withData(CUT_0, fromHeartbeat) * BLOCK_SIZE)
        .isLessThan(world.withData(CUT_0, UNION) * BLOCK_SIZE);
    assertThat(writtenAlready).isNotEmpty();
    assertThat(replicaRead)
        .isEqualTo(resumed.meters().bytesReadOnReplica())
        .isEqualTo(world.withData(CUT_0, writtenAlready) * BLOCK_SIZE);
  }

  @Test
  void aDiffAgainstASnapshotOfAnotherBlobIsRefusedBeforeAnythingIsWritten() {
    assertRefused(
        () ->
            world.seeder.seedFromStaleCut(
                new SeedFromStaleCut(STALE_REGION, "web-01", world.disk, NEW_BASE, REPLICA_BASE)),
        AzureErrorCode.InvalidParameter.name());
    assertThat(world.azure.storage().blob(SEED)).isEmpty();

    world.seededAndStaleVmDeleted();
    String seedBefore = world.bytesOf(SEED);
    // Each base swapped for the other side's: a snapshot of another blob than the one diffed.
    assertRefused(
        () -> world.sync.syncChangedBlocks(syncWithBases(REPLICA_BASE, REPLICA_BASE)),
        AzureErrorCode.InvalidParameter.name());
    assertRefused(
        () -> world.sync.syncChangedBlocks(syncWithBases(NEW_BASE, NEW_BASE)),
        AzureErrorCode.InvalidParameter.name());
    assertThat(world.bytesOf(SEED)).isEqualTo(seedBefore);
  }

  @Test
  void aBaseThatIsGoneFailsWithItsCode() {
    world.seededAndStaleVmDeleted();
    world.azure.storage().deleteBlob(READER, NEW_BASE);

    assertRefused(
        () -> world.sync.syncChangedBlocks(world.syncInput()),
        ReplicationErrorCode.LineageSnapshotMissing.name());
  }
}
