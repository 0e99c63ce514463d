package dev.reprotect.activities.sync;

import static dev.reprotect.activities.sync.SyncTestWorld.BLOCK_SIZE;
import static dev.reprotect.activities.sync.SyncTestWorld.TOTAL_BLOCKS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reprotect.activities.ReplicationErrorCode;
import dev.reprotect.activities.SyncProgress;
import dev.reprotect.activities.sync.SyncTestWorld.Attempt;
import dev.reprotect.azure.BlobRef;
import dev.reprotect.azure.Caller;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import java.util.Arrays;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The initial sync of one disk resumes from its last heartbeat instead of starting over. Each world
 * is a full copy (the stale target VM is gone), so every range has blocks to send.
 */
class InitialSyncResumeTest {
  /** Reads done by the test itself, metered apart from any job's. */
  private static final Caller READER = Caller.of("initialSyncResumeTest");

  private SyncTestWorld b;
  private SyncTestWorld c;

  @AfterEach
  void close() {
    if (b != null) {
      b.close();
    }
    if (c != null) {
      c.close();
    }
  }

  /**
   * The bytes of the source's blocks with data from {@code block} on, which a sync from there reads
   * once each (the replica holds none past the heartbeat); the others cost nothing.
   */
  private static long bytesWithDataFrom(SyncTestWorld world, long block) {
    BlobRef source = world.input.disk().source();
    byte[] zeros = new byte[BLOCK_SIZE];
    return LongStream.range(block, TOTAL_BLOCKS)
            .filter(
                index ->
                    !Arrays.equals(world.azure.storage().readBlock(READER, source, index), zeros))
            .count()
        * BLOCK_SIZE;
  }

  @Test
  void aRetryResumesFromTheLastHeartbeatAndSendsFewerBytesThanARestart() {
    b = new SyncTestWorld();
    c = new SyncTestWorld();

    SyncProgress last = b.failingFirstAttempt();
    SyncProgress lastOfC = c.failingFirstAttempt();
    assertThat(lastOfC).as("both worlds failed the same way").isEqualTo(last);
    assertThat(last.nextBlock()).isPositive().isLessThan(TOTAL_BLOCKS);
    assertThat(last.totalBlocks()).isEqualTo(TOTAL_BLOCKS);
    assertThat(last.blocksCopied()).as("the range before the heartbeat had data").isPositive();

    Attempt resumed = b.attempt(last);
    Attempt restarted = c.attempt(null);

    assertThat(resumed.result().resumedFromBlock()).isEqualTo(last.nextBlock()).isPositive();
    assertThat(restarted.result().resumedFromBlock()).isZero();
    // A restart sends no block twice either (the target holds them), but reads them all again.
    assertThat(resumed.meteredBytes()).isLessThanOrEqualTo(restarted.meteredBytes());
    assertThat(resumed.sourceBytesRead()).isLessThan(restarted.sourceBytesRead());
    // Only the blocks with data after the heartbeat are read again.
    assertThat(resumed.sourceBytesRead()).isEqualTo(bytesWithDataFrom(b, last.nextBlock()));
    assertThat(restarted.sourceBytesRead()).isEqualTo(bytesWithDataFrom(c, 0));
    // The resumed result counts what the first attempt metered up to its heartbeat, too.
    assertThat(resumed.result().bytesTransferred())
        .isEqualTo(last.bytesTransferred() + resumed.meteredBytes());
    assertThat(restarted.result().bytesTransferred()).isEqualTo(restarted.meteredBytes());

    for (SyncTestWorld world : List.of(b, c)) {
      assertThat(world.replicaChecksum()).isEqualTo(world.sourceChecksum());
    }
    assertThat(resumed.result().targetChecksum())
        .isEqualTo(resumed.result().sourceChecksum())
        .isEqualTo(b.replicaChecksum());
    assertThat(restarted.result().targetChecksum())
        .isEqualTo(restarted.result().sourceChecksum())
        .isEqualTo(resumed.result().targetChecksum());
  }

  @Test
  void aSourceDiskThatIsGoneFailsTheSyncAtOnceWithACode() {
    b = new SyncTestWorld();
    b.azure.storage().deleteBlob(Caller.of("test"), b.input.disk().source());

    assertThatThrownBy(() -> b.attempt(null))
        .isInstanceOf(ActivityFailure.class)
        .cause()
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> {
              assertThat(failure.getType())
                  .isEqualTo(ReplicationErrorCode.SourceDiskMissing.name());
              assertThat(failure.isNonRetryable()).isTrue();
            });
    assertThat(b.azure.storage().blob(b.input.disk().replica())).as("nothing created").isEmpty();
  }

  @Test
  void aHeartbeatRecordedForADiskOfAnotherSizeIsIgnored() {
    b = new SyncTestWorld();
    SyncProgress foreign = new SyncProgress(64, TOTAL_BLOCKS * 2, BLOCK_SIZE, 123_456, 17, 0);

    Attempt attempt = b.attempt(foreign);

    assertThat(attempt.result().resumedFromBlock()).isZero();
    assertThat(attempt.sourceBytesRead()).isEqualTo(bytesWithDataFrom(b, 0));
    assertThat(attempt.result().bytesTransferred()).isEqualTo(attempt.meteredBytes());
    assertThat(attempt.result().targetChecksum()).isEqualTo(attempt.result().sourceChecksum());
    assertThat(b.replicaChecksum()).isEqualTo(b.sourceChecksum());
  }

  @Test
  void aSyncThatRanInOneGoStartsFromBlockZeroAndCopiesEveryAllocatedBlock() {
    b = new SyncTestWorld();
    long allocated = b.azure.storage().blob(b.input.disk().source()).orElseThrow().allocatedBytes();

    Attempt attempt = b.attempt(null);

    assertThat(attempt.result().resumedFromBlock()).isZero();
    assertThat(attempt.result().blocksCopied() * BLOCK_SIZE).isEqualTo(allocated);
    assertThat(attempt.result().blocksCleared()).isZero();
    assertThat(b.heartbeats).isNotEmpty();
    assertThat(b.replicaChecksum()).isEqualTo(b.sourceChecksum());
  }
}
