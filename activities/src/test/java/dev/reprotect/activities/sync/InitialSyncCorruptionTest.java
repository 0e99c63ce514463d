package dev.reprotect.activities.sync;

import static dev.reprotect.activities.sync.SyncTestWorld.BLOCK_SIZE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reprotect.activities.ReplicationErrorCode;
import dev.reprotect.activities.data.ReliableTransfer;
import dev.reprotect.activities.sync.SyncTestWorld.Attempt;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Blocks that arrive corrupted in the target region are sent again before their range counts as
 * done: the sync ends with the replica's bytes equal to the source's, or fails retryably.
 */
class InitialSyncCorruptionTest {
  private SyncTestWorld world;

  @AfterEach
  void close() {
    world.close();
  }

  @Test
  void aSyncWhoseBlocksSometimesArriveCorruptedEndsWithEqualChecksums() {
    world = new SyncTestWorld();
    world.azure.faults().corruptTransfers(0.05, 42);

    Attempt attempt = world.attempt(null);

    long corrupted = world.azure.faults().corruptedBlocks();
    assertThat(corrupted).as("blocks that arrived corrupted").isPositive();
    assertThat(world.replicaChecksum()).isEqualTo(world.sourceChecksum());
    assertThat(attempt.result().targetChecksum())
        .isEqualTo(attempt.result().sourceChecksum())
        .isEqualTo(world.sourceChecksum());
    // Each resend crossed the regions again; the blocks copied count each block once.
    long allocated =
        world.azure.storage().blob(world.input.disk().source()).orElseThrow().allocatedBytes();
    assertThat(attempt.result().blocksCopied() * BLOCK_SIZE).isEqualTo(allocated);
    assertThat(attempt.result().bytesTransferred())
        .isGreaterThanOrEqualTo(allocated + corrupted * BLOCK_SIZE);
  }

  @Test
  void blocksThatKeepArrivingCorruptedFailTheAttemptRetryablyBeforeTheRangeIsHeartbeated() {
    world = new SyncTestWorld();
    world.azure.faults().corruptTransfers(1.0, 42);

    assertThatThrownBy(() -> world.attempt(null))
        .isInstanceOf(ActivityFailure.class)
        .cause()
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> {
              assertThat(failure.getType())
                  .isEqualTo(ReplicationErrorCode.CorruptedTransfer.name());
              assertThat(failure.isNonRetryable()).isFalse();
            });
    assertThat(world.heartbeats).as("no range was reported done").isEmpty();
    assertThat(world.azure.faults().callCount("transferBlocks"))
        .isEqualTo(1 + ReliableTransfer.RESEND_ROUNDS);
  }
}
