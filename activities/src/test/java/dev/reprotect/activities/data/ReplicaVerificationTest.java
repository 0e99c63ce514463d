package dev.reprotect.activities.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reprotect.activities.Rendezvous;
import dev.reprotect.azure.BlobRef;
import dev.reprotect.azure.Caller;
import dev.reprotect.azure.sim.SimulatedAzure;
import io.temporal.client.ActivityCanceledException;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The repair of a replica that differs keeps the attempt live like the sync does: over a link where
 * a block takes the whole heartbeat budget, every block resent is followed by a heartbeat, not only
 * every range.
 */
class ReplicaVerificationTest {
  private static final int BLOCK_SIZE = 4096;
  private static final int BLOCKS = 16;
  private static final Caller CALLER = Caller.of("replica-verification-test");
  private static final Duration BUDGET = Duration.ofSeconds(1);
  private static final String RESUME_POINT = "all blocks compared";

  private final SimulatedAzure azure = TwoRegions.simulator(BLOCK_SIZE);
  private final AtomicLong clock = new AtomicLong();
  private final RecordingHeartbeats heartbeats = new RecordingHeartbeats();
  private final BlobRef source = TwoRegions.SOURCE;
  private final BlobRef replica = TwoRegions.REPLICA;

  @BeforeEach
  void sourceWrittenAndAnEmptyReplica() {
    TwoRegions.emptyDisks(azure, CALLER, BLOCKS);
    for (int index = 0; index < BLOCKS; index++) {
      byte[] data = new byte[BLOCK_SIZE];
      Arrays.fill(data, (byte) (index + 1));
      azure.storage().writeBlock(CALLER, source, index, data);
    }
    // Every transfer takes the whole budget: the pace allows one block per batch.
    for (int call = 1; call <= BLOCKS; call++) {
      azure.faults().onCall("transferBlocks", call, () -> clock.addAndGet(BUDGET.toNanos()));
    }
  }

  @AfterEach
  void close() {
    azure.close();
  }

  private ReplicaVerification.Verified verify() {
    return ReplicaVerification.verify(
        azure,
        CALLER,
        source,
        replica,
        TwoRegions.SOUTHEAST,
        BLOCKS,
        heartbeats.pace(BUDGET, clock::get),
        RESUME_POINT);
  }

  /** Each side answers for its own disk: both are asked at once, not one after the other. */
  @Test
  void bothChecksumsAreAskedAtOnce() {
    for (int index = 0; index < BLOCKS; index++) {
      azure
          .storage()
          .writeBlock(CALLER, replica, index, azure.storage().readBlock(CALLER, source, index));
    }
    Runnable meetTheOtherSide = new Rendezvous();
    azure.faults().onCall("recordedChecksum", 1, meetTheOtherSide);
    azure.faults().onCall("recordedChecksum", 2, meetTheOtherSide);

    ReplicaVerification.Verified verified = verify();

    assertThat(verified.blocksRepaired()).isZero();
    assertThat(verified.replicaChecksum()).isEqualTo(verified.sourceChecksum());
  }

  @Test
  void aRepairOverASlowLinkHeartbeatsAfterEveryBatchWithTheResumePoint() {
    ReplicaVerification.Verified verified = verify();

    assertThat(verified.blocksRepaired()).isEqualTo(BLOCKS);
    assertThat(verified.replicaChecksum()).isEqualTo(verified.sourceChecksum());
    assertThat(azure.faults().callCount("transferBlocks")).isEqualTo(BLOCKS);
    assertThat(heartbeats.details).hasSize(BLOCKS).containsOnly(RESUME_POINT);
  }

  @Test
  void aRefusedHeartbeatEndsTheRepairBeforeItsNextBatch() {
    heartbeats.refuse = true;

    assertThatThrownBy(this::verify).isInstanceOf(ActivityCanceledException.class);

    assertThat(azure.faults().callCount("transferBlocks")).isEqualTo(1);
    assertThat(azure.storage().blob(replica).orElseThrow().allocatedBytes()).isEqualTo(BLOCK_SIZE);
  }
}
