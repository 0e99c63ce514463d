package dev.reprotect.activities.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reprotect.activities.DiskSyncInput;
import dev.reprotect.activities.DiskSyncResult;
import dev.reprotect.activities.PlannedDisk;
import dev.reprotect.activities.ReprotectPlan;
import dev.reprotect.activities.ReprotectRequest;
import dev.reprotect.activities.SyncProgress;
import dev.reprotect.activities.plan.ReprotectPlanner;
import dev.reprotect.azure.AzureErrorCode;
import dev.reprotect.azure.sim.Scenario;
import dev.reprotect.azure.sim.SimulatedAzure;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The initial sync of one disk resumes from its last heartbeat instead of starting over. Each
 * world is a full copy (the stale target VM is gone), so every range has blocks to send.
 */
class InitialSyncResumeTest {
  private static final int BLOCK_SIZE = 64 * 1024;
  private static final long DISK_SIZE = 8L << 20;
  private static final int BLOCKS_PER_RANGE = 16;
  private static final long TOTAL_BLOCKS = DISK_SIZE / BLOCK_SIZE;
  private static final Scenario SCENARIO = Scenario.builder()
      .diskSizeBytes(DISK_SIZE)
      .dataDisks(0)
      .targetVm(Scenario.TargetVm.Deleted)
      .build();
  /** As the workflow runs it (see ActivityPolicies.sync), but one attempt per call. */
  private static final ActivityOptions OPTIONS = ActivityOptions.newBuilder()
      .setStartToCloseTimeout(Duration.ofMinutes(2))
      .setHeartbeatTimeout(Duration.ofSeconds(30))
      .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
      .build();

  /** A seeded simulator, the sync activity over it in a test activity environment. */
  private static final class World implements AutoCloseable {
    final SimulatedAzure azure = SimulatedAzure.seeded(SCENARIO, BLOCK_SIZE);
    final TestActivityEnvironment temporal = TestActivityEnvironment.newInstance();
    final List<SyncProgress> heartbeats = new CopyOnWriteArrayList<>();
    final InitialSyncActivities sync;
    final DiskSyncInput input;

    World() {
      ReprotectPlan plan = new ReprotectPlanner(azure)
          .plan(ReprotectRequest.of(SCENARIO.vault(), SCENARIO.vm()));
      PlannedDisk os = plan.disks().get(0);
      assertThat(os.hasSeed()).as("a full copy").isFalse();
      assertThat(os.sizeBytes()).isEqualTo(DISK_SIZE);
      input = new DiskSyncInput(
          plan.vault(), plan.vm(), plan.sourceRegion(), plan.targetRegion(), os);
      temporal.registerActivitiesImplementations(
          new InitialSyncActivitiesImpl(azure, BLOCKS_PER_RANGE));
      temporal.setActivityHeartbeatListener(SyncProgress.class, heartbeats::add);
      sync = temporal.newActivityStub(InitialSyncActivities.class, OPTIONS);
    }

    /** Bytes metered across the region pair, both ways: blocks out, hash lists back. */
    long metered() {
      return azure.metering().bytesTransferred(SCENARIO.sourceRegion(), SCENARIO.targetRegion())
          + azure.metering().bytesTransferred(SCENARIO.targetRegion(), SCENARIO.sourceRegion());
    }

    int hashCalls() {
      return azure.faults().callCount("blockHashes");
    }

    /** Attempt 1: fails at the third transfer, after two ranges were sent. */
    SyncProgress failingFirstAttempt() {
      azure.faults().failCalls("transferBlocks", 3, 1, AzureErrorCode.InternalServerError);
      assertThatThrownBy(() -> sync.syncDisk(input))
          .isInstanceOf(ActivityFailure.class)
          .cause().isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
            assertThat(failure.getType()).isEqualTo(AzureErrorCode.InternalServerError.name());
            assertThat(failure.isNonRetryable()).isFalse();
          });
      assertThat(azure.faults().callCount("transferBlocks")).isEqualTo(3);
      assertThat(heartbeats).as("heartbeats that reached the service").isNotEmpty();
      return heartbeats.get(heartbeats.size() - 1);
    }

    /** A retry: what it returned, the bytes it alone metered, the hash calls it made. */
    Attempt attempt(SyncProgress heartbeatDetails) {
      if (heartbeatDetails != null) {
        temporal.setHeartbeatDetails(heartbeatDetails);
      }
      long meteredBefore = metered();
      int hashCallsBefore = hashCalls();
      DiskSyncResult result = sync.syncDisk(input);
      return new Attempt(result, metered() - meteredBefore, hashCalls() - hashCallsBefore);
    }

    String sourceChecksum() {
      return azure.storage().checksum(input.disk().source());
    }

    String replicaChecksum() {
      return azure.storage().checksum(input.disk().replica());
    }

    @Override
    public void close() {
      temporal.close();
      azure.close();
    }
  }

  private record Attempt(DiskSyncResult result, long meteredBytes, int hashCalls) {}

  private World b;
  private World c;

  @AfterEach
  void close() {
    if (b != null) {
      b.close();
    }
    if (c != null) {
      c.close();
    }
  }

  private static long rangesFrom(long block) {
    return (TOTAL_BLOCKS - block + BLOCKS_PER_RANGE - 1) / BLOCKS_PER_RANGE;
  }

  @Test
  void aRetryResumesFromTheLastHeartbeatAndSendsFewerBytesThanARestart() {
    b = new World();
    c = new World();

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
    assertThat(resumed.meteredBytes()).isLessThan(restarted.meteredBytes());
    // Only the ranges after the heartbeat are compared again.
    assertThat(resumed.hashCalls()).isEqualTo(2 * rangesFrom(last.nextBlock()));
    assertThat(restarted.hashCalls()).isEqualTo(2 * rangesFrom(0));
    // The resumed result counts what the first attempt metered up to its heartbeat, too.
    assertThat(resumed.result().bytesTransferred())
        .isEqualTo(last.bytesTransferred() + resumed.meteredBytes());
    assertThat(restarted.result().bytesTransferred()).isEqualTo(restarted.meteredBytes());

    for (World world : List.of(b, c)) {
      assertThat(world.replicaChecksum()).isEqualTo(world.sourceChecksum());
    }
    assertThat(resumed.result().targetChecksum()).isEqualTo(resumed.result().sourceChecksum())
        .isEqualTo(b.replicaChecksum());
    assertThat(restarted.result().targetChecksum()).isEqualTo(restarted.result().sourceChecksum())
        .isEqualTo(resumed.result().targetChecksum());
  }

  @Test
  void aHeartbeatRecordedForADiskOfAnotherSizeIsIgnored() {
    b = new World();
    SyncProgress foreign = new SyncProgress(64, TOTAL_BLOCKS * 2, BLOCK_SIZE, 123_456, 17, 0);

    Attempt attempt = b.attempt(foreign);

    assertThat(attempt.result().resumedFromBlock()).isZero();
    assertThat(attempt.hashCalls()).isEqualTo(2 * rangesFrom(0));
    assertThat(attempt.result().bytesTransferred()).isEqualTo(attempt.meteredBytes());
    assertThat(attempt.result().targetChecksum()).isEqualTo(attempt.result().sourceChecksum());
    assertThat(b.replicaChecksum()).isEqualTo(b.sourceChecksum());
  }

  @Test
  void aSyncThatRanInOneGoStartsFromBlockZeroAndCopiesEveryAllocatedBlock() {
    b = new World();
    long allocated = b.azure.storage().blob(b.input.disk().source()).orElseThrow().allocatedBytes();

    Attempt attempt = b.attempt(null);

    assertThat(attempt.result().resumedFromBlock()).isZero();
    assertThat(attempt.result().blocksCopied() * BLOCK_SIZE).isEqualTo(allocated);
    assertThat(attempt.result().blocksCleared()).isZero();
    assertThat(b.heartbeats).isNotEmpty();
    assertThat(b.replicaChecksum()).isEqualTo(b.sourceChecksum());
  }
}
