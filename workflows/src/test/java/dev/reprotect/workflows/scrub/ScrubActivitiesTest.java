package dev.reprotect.workflows.scrub;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reprotect.activities.replication.ItemRef;
import dev.reprotect.activities.scrub.DiskScrubbed;
import dev.reprotect.activities.scrub.HeldPoint;
import dev.reprotect.activities.scrub.ScrubActivities;
import dev.reprotect.activities.scrub.ScrubActivitiesImpl;
import dev.reprotect.activities.scrub.ScrubDisk;
import dev.reprotect.activities.scrub.ScrubProgress;
import dev.reprotect.azure.BlobRef;
import dev.reprotect.azure.Caller;
import dev.reprotect.azure.Cuts;
import dev.reprotect.azure.ReplicatedItem;
import dev.reprotect.workflows.reprotect.ReprotectFixture;
import io.temporal.activity.ActivityOptions;
import io.temporal.testing.TestActivityEnvironment;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A disk's scrub reads what it holds, whatever the replication deletes meanwhile, and one
 * interrupted mid-disk resumes from its heartbeat, not from the start.
 */
class ScrubActivitiesTest {
  private static final Caller READER = Caller.of("scrubActivitiesTest");

  @RegisterExtension static final TestWorkflowExtension temporal = ReprotectFixture.temporal();

  private final ReprotectFixture fixture =
      new ReprotectFixture(ReprotectFixture.scenario().build());
  private final TestActivityEnvironment activities = TestActivityEnvironment.newInstance();

  @AfterEach
  void close() {
    activities.close();
    fixture.close();
  }

  @Test
  void theCutAndThePointACycleAndAPruneDeleteUnderTheScrubAreStillReadFromItsOwnSnapshots(
      TestWorkflowEnvironment env, Worker worker) {
    ScrubActivities scrub = scrubActivities(env, worker);
    ItemRef item = new ItemRef(fixture.scenario.vault(), fixture.scenario.vm());
    HeldPoint held = scrub.holdNewestPoint(item);
    ReplicatedItem protectedItem = fixture.item();
    new Cuts(fixture.azure)
        .delete(READER, protectedItem.source().resourceGroup(), item.vm(), held.cutId());
    fixture
        .azure
        .recoveryServices()
        .deleteRecoveryPoint(READER, item.vault(), item.vm(), held.pointId());

    DiskScrubbed scrubbed = scrub.scrubDisk(held.disks().get(0));

    assertThat(scrubbed.bytesCompared()).isPositive();
    assertThat(scrubbed.blocksRepaired()).isZero();
    scrub.releasePoint(held);
    assertThat(held.disks())
        .allSatisfy(
            disk -> {
              assertThat(fixture.azure.storage().blob(disk.source())).isEmpty();
              assertThat(fixture.azure.storage().blob(disk.replica())).isEmpty();
            });
  }

  @Test
  void aRetryWithTheHeartbeatOfAnAttemptThatDiedMidDiskReadsOnlyWhatIsLeft(
      TestWorkflowEnvironment env, Worker worker) {
    ScrubActivities scrub = scrubActivities(env, worker);
    HeldPoint held =
        scrub.holdNewestPoint(new ItemRef(fixture.scenario.vault(), fixture.scenario.vm()));
    ScrubDisk disk = held.disks().get(0);
    int blockSize = ReprotectFixture.BLOCK_SIZE;
    long totalBlocks = ReprotectFixture.DISK_SIZE / blockSize;
    long reached = totalBlocks / 2;
    long leftToRead =
        (allocatedFrom(disk.source(), reached) + allocatedFrom(disk.replica(), reached))
            * blockSize;
    assertThat(leftToRead).as("data after the heartbeat").isPositive();

    long fullRead = bytesReadBy(() -> scrub.scrubDisk(disk)).bytesRead;
    ScrubProgress died = new ScrubProgress(reached, totalBlocks, blockSize, 1234, 0);
    activities.setHeartbeatDetails(died);
    Read resumed = bytesReadBy(() -> scrub.scrubDisk(disk));

    assertThat(resumed.result.resumedFrom()).isEqualTo(reached);
    assertThat(resumed.bytesRead).isLessThan(fullRead).isEqualTo(leftToRead);
    assertThat(resumed.result.bytesCompared())
        .as("the first attempt's count carried on")
        .isEqualTo(1234 + leftToRead);
  }

  /** The scrub's activities over a protected item whose replication was ended. */
  private ScrubActivities scrubActivities(TestWorkflowEnvironment env, Worker worker) {
    fixture.protectedWithoutReplication(env, worker, fixture.azure);
    activities.registerActivitiesImplementations(
        new ScrubActivitiesImpl(fixture.azure, ReprotectFixture.BLOCKS_PER_RANGE));
    return activities.newActivityStub(
        ScrubActivities.class,
        ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofMinutes(1)).build());
  }

  private record Read(DiskScrubbed result, long bytesRead) {}

  private Read bytesReadBy(Supplier<DiskScrubbed> attempt) {
    long before = fixture.azure.metering().costsBy("").bytesRead();
    DiskScrubbed result = attempt.get();
    return new Read(result, fixture.azure.metering().costsBy("").bytesRead() - before);
  }

  private long allocatedFrom(BlobRef blob, long block) {
    return fixture
        .azure
        .storage()
        .pageRanges(READER, blob, block, Long.MAX_VALUE, 1000)
        .ranges()
        .stream()
        .mapToLong(range -> range.endBlock() - Math.max(block, range.firstBlock()))
        .sum();
  }
}
