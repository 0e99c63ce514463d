package dev.reprotect.workflows.scrub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.spy;

import dev.reprotect.activities.ReplicationErrorCode;
import dev.reprotect.activities.replication.ItemRef;
import dev.reprotect.azure.AzureBackend;
import dev.reprotect.azure.AzureErrorCode;
import dev.reprotect.azure.BlobRef;
import dev.reprotect.azure.Caller;
import dev.reprotect.azure.CallerCosts;
import dev.reprotect.azure.Cuts;
import dev.reprotect.azure.RecoveryPoint;
import dev.reprotect.azure.ReplicatedItem;
import dev.reprotect.azure.ScrubOutcome;
import dev.reprotect.azure.ScrubRecord;
import dev.reprotect.azure.StorageApi;
import dev.reprotect.azure.VmCut;
import dev.reprotect.azure.sim.SimulatedAzure;
import dev.reprotect.workflows.HistoryReplays;
import dev.reprotect.workflows.WorkflowIds;
import dev.reprotect.workflows.replication.ReplicationHealth;
import dev.reprotect.workflows.replication.ReplicationStatus;
import dev.reprotect.workflows.replication.ReplicationWorkflow;
import dev.reprotect.workflows.reprotect.ReprotectFixture;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A scrub compares the newest point with its source cut from the bytes both sides read, repairs
 * what differs once, and ends ReplicaMismatch when the damage comes back.
 */
class ScrubWorkflowTest {
  private static final Caller READER = Caller.of("scrubWorkflowTest");

  @RegisterExtension static final TestWorkflowExtension temporal = ReprotectFixture.temporal();

  private final ReprotectFixture fixture =
      new ReprotectFixture(ReprotectFixture.scenario().build());

  @AfterEach
  void close() {
    fixture.close();
  }

  @Test
  void aScrubOfAnEqualReplicaPassesAndReadsTheAllocatedBytesOfBothSides(
      TestWorkflowEnvironment env, Worker worker) throws Exception {
    RecoveryPoint point = protectedItem(env, worker, fixture.azure);

    ScrubResult result = scrub(env.getWorkflowClient());
    HistoryReplays.record(env.getWorkflowClient(), scrubId(), "scrub-passed");

    assertThat(result.outcome()).isEqualTo(ScrubOutcome.Passed);
    assertThat(result.pointId()).isEqualTo(point.id());
    assertThat(result.disksDone()).hasSize(point.disks().size());
    assertThat(result.blocksRepaired()).isZero();
    CallerCosts costs = fixture.azure.metering().costsBy(scrubId() + "/");
    long target = allocatedBytes(point);
    long source =
        point.disksBySlot().keySet().stream()
            .mapToLong(slot -> allocated(cut(point).disk(slot).snapshot()))
            .sum();
    assertThat(target).isPositive();
    // Each side's allocated bytes once, by the comparison: the copies that hold the point and
    // the cut (Azure snapshots no snapshot) are made within their storage accounts, from the
    // stored pages.
    assertThat(costs.bytesReadIn(fixture.item().target().region())).isEqualTo(target);
    assertThat(costs.bytesReadIn(fixture.item().source().region())).isEqualTo(source);
    assertThat(result.bytesCompared()).isEqualTo(source + target);
    ReplicatedItem item = fixture.item();
    assertThat(item.lastScrub().outcome()).isEqualTo(ScrubOutcome.Passed);
    assertThat(item.lastScrub().pointId()).isEqualTo(point.id());
    assertThat(item.lastScrub().bytesCompared()).isEqualTo(source + target);
    assertThat(fixture.azure.storage().blobs(point.disks().get(0).storageAccount(), "scrubs"))
        .as("the scrub's snapshots are released")
        .isEmpty();
  }

  @Test
  void aBlockDamagedAtRestOnTheTargetIsFoundAndRepairedAndThenHashesEqualFromTheBytes(
      TestWorkflowEnvironment env, Worker worker) {
    RecoveryPoint point = protectedItem(env, worker, fixture.azure);
    BlobRef disk = point.disks().get(0);
    String slot = slotOf(point, disk);
    BlobRef cutDisk = cut(point).disk(slot).snapshot();
    long block = firstBlock(disk);
    fixture.azure.damageAtRest(disk, block);
    assertThat(checksum(disk)).as("the damage shows in the bytes").isNotEqualTo(checksum(cutDisk));
    assertThat(fixture.azure.storage().recordedChecksum(READER, disk))
        .as("and not in what storage recorded")
        .isEqualTo(fixture.azure.storage().recordedChecksum(READER, cutDisk));

    ScrubResult result = scrub(env.getWorkflowClient());

    assertThat(result.outcome()).isEqualTo(ScrubOutcome.Repaired);
    assertThat(result.blocksRepaired()).isEqualTo(1);
    assertThat(checksum(disk))
        .as("the point's disk, read from its bytes")
        .isEqualTo(checksum(cutDisk));
    assertThat(
            checksum(
                fixture.item().replicaDisks().stream()
                    .filter(replica -> replica.slot().equals(slot))
                    .findFirst()
                    .orElseThrow()
                    .replica()))
        .as("the replica, which shared the block")
        .isEqualTo(checksum(cutDisk));
    assertThat(fixture.item().lastScrub().outcome()).isEqualTo(ScrubOutcome.Repaired);
    assertThat(fixture.item().lastScrub().blocksRepaired()).isEqualTo(1);
  }

  @Test
  void damageThatComesBackAfterTheRepairEndsReplicaMismatchRecordedOnTheItem(
      TestWorkflowEnvironment env, Worker worker) throws Exception {
    SimulatedAzure azure = fixture.azure;
    StorageApi decaying = spy(azure.storage());
    AzureBackend backend = spy(azure);
    doReturn(decaying).when(backend).storage();
    RecoveryPoint point = protectedItem(env, worker, backend);
    BlobRef disk = point.disks().get(0);
    long block = firstBlock(disk);
    azure.damageAtRest(disk, block);
    // Storage that keeps damaging the block: every rewrite of it decays again at once.
    doAnswer(
            call -> {
              Object written = call.callRealMethod();
              azure.damageAtRest(disk, block);
              return written;
            })
        .when(decaying)
        .transferBlocks(any(), any(), any(), any());

    WorkflowFailedException failed =
        catchThrowableOfType(WorkflowFailedException.class, () -> scrub(env.getWorkflowClient()));
    HistoryReplays.record(env.getWorkflowClient(), scrubId(), "scrub-mismatch");

    assertThat(failed).isNotNull();
    assertThat(
            ReprotectFixture.applicationFailure(
                failed, ReplicationErrorCode.ReplicaMismatch.name()))
        .isPresent();
    ReplicatedItem item = fixture.item();
    assertThat(item.lastScrub().outcome()).isEqualTo(ScrubOutcome.ReplicaMismatch);
    assertThat(item.lastScrub().detail()).contains("still differ");
    assertThat(azure.storage().blobs(disk.storageAccount(), "scrubs"))
        .as("the scrub's snapshots are released")
        .isEmpty();
  }

  @Test
  void aScrubThatCannotCompareIsRecordedFailedWithItsCodeAndItsSnapshotsReleased(
      TestWorkflowEnvironment env, Worker worker) throws Exception {
    RecoveryPoint point = protectedItem(env, worker, fixture.azure);
    ScrubRecord before = fixture.item().lastScrub();
    // The comparison lists each side's ranges first: storage answers that the snapshot is gone.
    fixture
        .azure
        .faults()
        .failCalls(
            "pageRanges",
            fixture.azure.faults().callCount("pageRanges") + 1,
            1000,
            AzureErrorCode.ResourceNotFound);

    Instant started = Instant.ofEpochMilli(env.currentTimeMillis());

    WorkflowFailedException failed =
        catchThrowableOfType(WorkflowFailedException.class, () -> scrub(env.getWorkflowClient()));
    HistoryReplays.record(env.getWorkflowClient(), scrubId(), "scrub-failed");

    assertThat(failed).as("the scrub still fails, with the backend's code").isNotNull();
    assertThat(ReprotectFixture.applicationFailure(failed, AzureErrorCode.ResourceNotFound.name()))
        .isPresent();
    ScrubRecord recorded = fixture.item().lastScrub();
    assertThat(recorded).as("recorded, where before it left " + before).isNotEqualTo(before);
    assertThat(recorded.outcome()).isEqualTo(ScrubOutcome.Failed);
    assertThat(recorded.pointId()).isEqualTo(point.id());
    assertThat(recorded.detail()).startsWith("ResourceNotFound: ");
    assertThat(recorded.time()).isBetween(started, Instant.ofEpochMilli(env.currentTimeMillis()));
    assertThat(fixture.azure.storage().blobs(point.disks().get(0).storageAccount(), "scrubs"))
        .as("the scrub's snapshots are released")
        .isEmpty();
  }

  @Test
  void theLastScrubSetsTheReplicationsHealthFromItsNextCycle(
      TestWorkflowEnvironment env, Worker worker) {
    WorkflowClient client = fixture.protect(env, worker, fixture.azure);
    ReplicationWorkflow replication =
        client.newWorkflowStub(
            ReplicationWorkflow.class,
            WorkflowIds.replication(fixture.scenario.vault(), fixture.scenario.vm()));
    Instant now = Instant.ofEpochMilli(env.currentTimeMillis());
    ScrubRecord mismatch =
        new ScrubRecord(
            now, ScrubOutcome.ReplicaMismatch, "p0", 1, 0, "disk os: 1 block still differs");
    ScrubRecord failed =
        new ScrubRecord(
            now.plusSeconds(1),
            ScrubOutcome.Failed,
            "p1",
            0,
            0,
            "ResourceNotFound: the scrub snapshot was not found");
    ScrubRecord passed =
        new ScrubRecord(now.plusSeconds(2), ScrubOutcome.Passed, "p2", 1, 0, "equal");

    ReplicationStatus afterMismatch = statusAfterRecording(env, replication, mismatch);
    ReplicationStatus afterFailure = statusAfterRecording(env, replication, failed);
    ReplicationStatus afterPass = statusAfterRecording(env, replication, passed);

    assertThat(afterMismatch.lastScrub()).isEqualTo(mismatch);
    assertThat(afterMismatch.rpoSeconds()).as("fresh points").isLessThan(15 * 60);
    assertThat(afterMismatch.health()).isEqualTo(ReplicationHealth.Critical);
    assertThat(afterFailure.lastScrub()).isEqualTo(failed);
    assertThat(afterFailure.rpoSeconds()).as("fresh points").isLessThan(15 * 60);
    assertThat(afterFailure.health())
        .as("nothing known of the replica since the mismatch")
        .isEqualTo(ReplicationHealth.Warning);
    assertThat(afterPass.health()).isEqualTo(ReplicationHealth.Healthy);
  }

  /** Records {@code scrub} on the item, and reads the replication's status two cycles later. */
  private ReplicationStatus statusAfterRecording(
      TestWorkflowEnvironment env, ReplicationWorkflow replication, ScrubRecord scrub) {
    fixture
        .azure
        .recoveryServices()
        .recordScrub(READER, fixture.scenario.vault(), fixture.scenario.vm(), scrub);
    env.sleep(Duration.ofMinutes(10));
    return replication.status();
  }

  @Test
  void aScrubOfAnItemTheVaultDoesNotHaveIsRefusedChangingNothing(
      TestWorkflowEnvironment env, Worker worker) {
    fixture.register(env, worker);
    env.start();
    WorkflowClient client = env.getWorkflowClient();
    String vault = fixture.scenario.vault();

    fixture.assertRefusedChangingNothing(
        "ItemNotFound",
        () ->
            client
                .newWorkflowStub(
                    ScrubWorkflow.class, fixture.jobOptions(WorkflowIds.scrub(vault, "no-such-vm")))
                .scrub(new ItemRef(vault, "no-such-vm")));
  }

  /** Reprotects the scenario's VM, ends its replication, and returns its newest point. */
  private RecoveryPoint protectedItem(
      TestWorkflowEnvironment env, Worker worker, AzureBackend backend) {
    fixture.protectedWithoutReplication(env, worker, backend);
    return fixture
        .azure
        .recoveryServices()
        .recoveryPoints(fixture.scenario.vault(), fixture.scenario.vm())
        .stream()
        .max(Comparator.comparing(RecoveryPoint::time))
        .orElseThrow();
  }

  private ScrubResult scrub(WorkflowClient client) {
    return client
        .newWorkflowStub(ScrubWorkflow.class, fixture.jobOptions(scrubId()))
        .scrub(new ItemRef(fixture.scenario.vault(), fixture.scenario.vm()));
  }

  private String scrubId() {
    return WorkflowIds.scrub(fixture.scenario.vault(), fixture.scenario.vm());
  }

  private VmCut cut(RecoveryPoint point) {
    ReplicatedItem item = fixture.item();
    return new Cuts(fixture.azure)
        .find(item.source().resourceGroup(), item.name(), point.cutId())
        .orElseThrow();
  }

  private long allocatedBytes(RecoveryPoint point) {
    return point.disks().stream().mapToLong(this::allocated).sum();
  }

  private long allocated(BlobRef blob) {
    return fixture.azure.storage().blob(blob).orElseThrow().allocatedBytes();
  }

  private long firstBlock(BlobRef blob) {
    String region = fixture.azure.storage().blob(blob).orElseThrow().location();
    return fixture
        .azure
        .storage()
        .blockHashes(READER, blob, 0, Long.MAX_VALUE, region)
        .entries()
        .get(0)
        .index();
  }

  private String checksum(BlobRef blob) {
    return fixture.azure.storage().checksum(READER, blob);
  }

  private static String slotOf(RecoveryPoint point, BlobRef disk) {
    return point.disksBySlot().entrySet().stream()
        .filter(e -> e.getValue().equals(disk))
        .findFirst()
        .orElseThrow()
        .getKey();
  }
}
