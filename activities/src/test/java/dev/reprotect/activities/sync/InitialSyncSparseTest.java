package dev.reprotect.activities.sync;

import static dev.reprotect.activities.sync.SyncTestWorld.BLOCKS_PER_RANGE;
import static dev.reprotect.activities.sync.SyncTestWorld.BLOCK_SIZE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.reprotect.activities.sync.SyncTestWorld.Attempt;
import dev.reprotect.azure.BlobRef;
import dev.reprotect.azure.Caller;
import dev.reprotect.azure.sim.Scenario;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The initial sync of a sparse disk: the backend calls it makes follow the ranges that hold data on
 * either side, not the disk's size, and a block that only the replica holds is cleared wherever it
 * is.
 */
class InitialSyncSparseTest {
  /** 1,024 blocks: 64 ranges, nearly all of them empty on both sides. */
  private static final long DISK_SIZE = 64L << 20;

  private static final Caller CALLER = Caller.of("sparse-sync-test");

  private final SyncTestWorld world =
      new SyncTestWorld(
          Scenario.builder()
              .diskSizeBytes(DISK_SIZE)
              .dataDisks(0)
              .allocatedPercent(0)
              .targetVm(Scenario.TargetVm.Deleted)
              .build());
  private final BlobRef source = world.input.syncedFrom();
  private final BlobRef replica = world.input.disk().replica();

  @AfterEach
  void close() {
    world.close();
  }

  private void write(BlobRef ref, long index, int fill) {
    byte[] data = new byte[BLOCK_SIZE];
    Arrays.fill(data, (byte) fill);
    world.azure.storage().writeBlock(CALLER, ref, index, data);
  }

  private int calls(String operation) {
    return world.azure.faults().callCount(operation);
  }

  @Test
  void aSparseDiskCostsACallPerRangeWithDataNotPerRangeOfItsSize() {
    write(source, 5, 1);
    write(source, 6, 2);
    write(source, 43 * BLOCKS_PER_RANGE + 7, 3);

    Attempt attempt = world.attempt(null);

    assertThat(attempt.sourceBytesRead())
        .as("each block with data, read once")
        .isEqualTo(3L * BLOCK_SIZE);
    assertThat(calls("pageRanges")).as("one listing of each side").isEqualTo(2);
    assertThat(calls("transferBlocks")).isLessThanOrEqualTo(3);
    assertThat(attempt.result().blocksCopied()).isEqualTo(3);
    assertThat(attempt.result().targetChecksum()).isEqualTo(attempt.result().sourceChecksum());
    assertThat(world.replicaChecksum()).isEqualTo(world.sourceChecksum());
  }

  @Test
  void blocksOnlyTheReplicaHoldsAreClearedAlsoInRangesTheSourceNeverWrote() {
    long trimmed = 18 * BLOCKS_PER_RANGE + 2;
    long replicaOnly = 56 * BLOCKS_PER_RANGE + 9;
    write(source, 5, 1);
    write(source, trimmed, 2);
    // The guest trimmed it: the source has nothing there now, the replica still has the old bytes.
    world.azure.storage().writeBlock(CALLER, source, trimmed, new byte[BLOCK_SIZE]);
    world.azure.storage().createPageBlob(CALLER, replica, DISK_SIZE);
    write(replica, 5, 9);
    write(replica, trimmed, 2);
    write(replica, replicaOnly, 3);

    Attempt attempt = world.attempt(null);

    assertThat(attempt.result().blocksCopied()).isEqualTo(1);
    assertThat(attempt.result().blocksCleared()).isEqualTo(2);
    assertThat(world.azure.storage().readBlock(CALLER, replica, trimmed))
        .isEqualTo(new byte[BLOCK_SIZE]);
    assertThat(world.azure.storage().readBlock(CALLER, replica, replicaOnly))
        .isEqualTo(new byte[BLOCK_SIZE]);
    assertThat(world.replicaChecksum()).isEqualTo(world.sourceChecksum());
    assertThat(attempt.sourceBytesRead())
        .as("the one block with data on the source, once")
        .isEqualTo(BLOCK_SIZE);
  }
}
