package dev.reprotect.activities.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reprotect.activities.DiskSyncInput;
import dev.reprotect.activities.DiskSyncResult;
import dev.reprotect.activities.PlannedDisk;
import dev.reprotect.activities.ProtectionPlan;
import dev.reprotect.activities.ReprotectRequest;
import dev.reprotect.activities.SyncProgress;
import dev.reprotect.activities.plan.ReprotectPlanner;
import dev.reprotect.azure.AzureErrorCode;
import dev.reprotect.azure.Caller;
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

/**
 * A seeded simulator whose stale target VM is gone (each disk a full copy, so every range has
 * blocks to send), and the initial sync activity over it in a test activity environment.
 */
final class SyncTestWorld implements AutoCloseable {
  /** Reads done by the test itself, metered apart from any job's. */
  private static final Caller READER = Caller.of("syncTestWorld");

  static final int BLOCK_SIZE = 64 * 1024;
  static final long DISK_SIZE = 8L << 20;
  static final int BLOCKS_PER_RANGE = 16;
  static final long TOTAL_BLOCKS = DISK_SIZE / BLOCK_SIZE;
  static final Scenario SCENARIO =
      Scenario.builder()
          .diskSizeBytes(DISK_SIZE)
          .dataDisks(0)
          .targetVm(Scenario.TargetVm.Deleted)
          .build();

  /** As the workflow runs it (see ActivityPolicies.sync), but one attempt per call. */
  static final ActivityOptions OPTIONS =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofMinutes(2))
          .setHeartbeatTimeout(Duration.ofSeconds(30))
          .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
          .build();

  final SimulatedAzure azure;
  final TestActivityEnvironment temporal = TestActivityEnvironment.newInstance();
  final List<SyncProgress> heartbeats = new CopyOnWriteArrayList<>();
  final InitialSyncActivities sync;
  final DiskSyncInput input;

  SyncTestWorld() {
    this(SCENARIO);
  }

  /** The world of {@code scenario}, whose target VM is gone: the sync of its OS disk. */
  SyncTestWorld(Scenario scenario) {
    azure = SimulatedAzure.seeded(scenario, BLOCK_SIZE);
    ProtectionPlan plan =
        new ReprotectPlanner(azure)
            .plan(ReprotectRequest.of(scenario.vault(), scenario.vm()), null);
    PlannedDisk os = plan.disks().get(0);
    assertThat(os.hasSeed()).as("a full copy").isFalse();
    assertThat(os.sizeBytes()).isEqualTo(scenario.diskSizeBytes());
    input =
        new DiskSyncInput(
            plan.vault(), plan.vm(), plan.sourceRegion(), plan.targetRegion(), os, null);
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

  /** Bytes read on the source's disks, by whomever. */
  long sourceBytesRead() {
    return azure.metering().costsBy("").bytesReadIn(SCENARIO.sourceRegion());
  }

  /** Attempt 1: fails at the third transfer, after two ranges were sent. */
  SyncProgress failingFirstAttempt() {
    azure.faults().failCalls("transferBlocks", 3, 1, AzureErrorCode.InternalServerError);
    assertThatThrownBy(() -> sync.syncDisk(input))
        .isInstanceOf(ActivityFailure.class)
        .cause()
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> {
              assertThat(failure.getType()).isEqualTo(AzureErrorCode.InternalServerError.name());
              assertThat(failure.isNonRetryable()).isFalse();
            });
    assertThat(azure.faults().callCount("transferBlocks")).isEqualTo(3);
    assertThat(heartbeats).as("heartbeats that reached the service").isNotEmpty();
    return heartbeats.get(heartbeats.size() - 1);
  }

  /** A retry: what it returned, the bytes it alone metered and read on the source. */
  Attempt attempt(SyncProgress heartbeatDetails) {
    if (heartbeatDetails != null) {
      temporal.setHeartbeatDetails(heartbeatDetails);
    }
    long meteredBefore = metered();
    long readBefore = sourceBytesRead();
    DiskSyncResult result = sync.syncDisk(input);
    return new Attempt(result, metered() - meteredBefore, sourceBytesRead() - readBefore);
  }

  String sourceChecksum() {
    return azure.storage().checksum(READER, input.disk().source());
  }

  String replicaChecksum() {
    return azure.storage().checksum(READER, input.disk().replica());
  }

  @Override
  public void close() {
    temporal.close();
    azure.close();
  }

  /** A retry's outcome: what it returned, the bytes it alone metered and read on the source. */
  record Attempt(DiskSyncResult result, long meteredBytes, long sourceBytesRead) {}
}
