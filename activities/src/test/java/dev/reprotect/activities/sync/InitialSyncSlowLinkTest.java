package dev.reprotect.activities.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reprotect.activities.DiskSyncInput;
import dev.reprotect.activities.DiskSyncResult;
import dev.reprotect.activities.PlannedDisk;
import dev.reprotect.activities.ReprotectPlan;
import dev.reprotect.activities.ReprotectRequest;
import dev.reprotect.activities.plan.ReprotectPlanner;
import dev.reprotect.azure.ActivityLogEntry;
import dev.reprotect.azure.ResourceIds;
import dev.reprotect.azure.sim.LatencyModel;
import dev.reprotect.azure.sim.Scenario;
import dev.reprotect.azure.sim.SimulatedAzure;
import io.temporal.activity.ActivityOptions;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.RetryOptions;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The sync over a slow link (2 MB/s, at the reference product's pace) with a short heartbeat
 * timeout, on a Temporal service that enforces it in real time: the sync completes in its first
 * attempt, and no block is written twice. A range (the whole disk here) takes longer than the
 * heartbeat timeout to compare and send, so a sync that heartbeats only between ranges lets the
 * timeout pass.
 */
class InitialSyncSlowLinkTest {
  private static final int BLOCK_SIZE = 64 * 1024;
  private static final long DISK_SIZE = 8L << 20;
  /** One range is the whole disk: its allocated blocks take several seconds at 2 MB/s. */
  private static final int BLOCKS_PER_RANGE = (int) (DISK_SIZE / BLOCK_SIZE);
  private static final Duration HEARTBEAT_TIMEOUT = Duration.ofSeconds(2);
  private static final String QUEUE = "slow-link";
  private static final Scenario SCENARIO = Scenario.builder()
      .diskSizeBytes(DISK_SIZE)
      .dataDisks(0)
      .targetVm(Scenario.TargetVm.Deleted)
      .build();

  /** Runs the sync as the reprotect workflow does, with the test's short heartbeat timeout. */
  @WorkflowInterface
  public interface SlowLinkSync {
    @WorkflowMethod
    DiskSyncResult sync(DiskSyncInput input);
  }

  public static class SlowLinkSyncImpl implements SlowLinkSync {
    @Override
    public DiskSyncResult sync(DiskSyncInput input) {
      return Workflow.newActivityStub(InitialSyncActivities.class, ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofMinutes(1))
          .setHeartbeatTimeout(HEARTBEAT_TIMEOUT)
          .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(3).build())
          .build()).syncDisk(input);
    }
  }

  private final SimulatedAzure azure = SimulatedAzure.seeded(SCENARIO, BLOCK_SIZE);
  private final TestWorkflowEnvironment temporal = TestWorkflowEnvironment.newInstance(
      TestEnvironmentOptions.newBuilder().setUseTimeskipping(false).build());

  @AfterEach
  void close() {
    temporal.close();
    azure.close();
  }

  private static DiskSyncInput inputOf(SimulatedAzure azure) {
    ReprotectPlan plan = new ReprotectPlanner(azure)
        .plan(ReprotectRequest.of(SCENARIO.vault(), SCENARIO.vm()));
    return new DiskSyncInput(plan.vault(), plan.vm(), plan.sourceRegion(), plan.targetRegion(),
        plan.disks().get(0), null);
  }

  @Test
  void aSyncOverASlowLinkHeartbeatsInTimeAndWritesEachBlockOnce() {
    DiskSyncInput input = inputOf(azure);
    PlannedDisk os = input.disk();
    long allocatedBlocks =
        azure.storage().blob(os.source()).orElseThrow().allocatedBytes() / BLOCK_SIZE;
    assertThat(allocatedBlocks).as("a full copy with data").isPositive();
    Worker worker = temporal.newWorker(QUEUE);
    worker.registerWorkflowImplementationTypes(SlowLinkSyncImpl.class);
    worker.registerActivitiesImplementations(new InitialSyncActivitiesImpl(azure, BLOCKS_PER_RANGE));
    temporal.start();
    // Each 64 KiB block takes about 33 ms, each call 200 ms more.
    azure.withLatency(LatencyModel.reference(1.0, 2));

    WorkflowClient client = temporal.getWorkflowClient();
    String workflowId = "slow-link-sync";
    DiskSyncResult result = client.newWorkflowStub(SlowLinkSync.class, WorkflowOptions.newBuilder()
        .setTaskQueue(QUEUE).setWorkflowId(workflowId).build()).sync(input);

    assertThat(result.targetChecksum()).isEqualTo(result.sourceChecksum())
        .isEqualTo(azure.storage().checksum(os.source()));
    List<HistoryEvent> events = client.fetchHistory(workflowId).getHistory().getEventsList();
    assertThat(events).extracting(HistoryEvent::getEventType)
        .doesNotContain(EventType.EVENT_TYPE_ACTIVITY_TASK_TIMED_OUT);
    assertThat(events).filteredOn(HistoryEvent::hasActivityTaskStartedEventAttributes)
        .singleElement()
        .satisfies(started -> assertThat(started.getActivityTaskStartedEventAttributes()
            .getAttempt()).as("the attempt that completed").isEqualTo(1));
    String replicaBlocks = ResourceIds.blob(os.replica()) + "/blocks/";
    Map<String, Long> writesPerBlock = azure.metering().activityLog().stream()
        .filter(entry -> entry.operation().endsWith("pages/write")
            && entry.resourceId().startsWith(replicaBlocks))
        .collect(Collectors.groupingBy(ActivityLogEntry::resourceId, Collectors.counting()));
    assertThat(writesPerBlock).hasSize((int) allocatedBlocks);
    assertThat(writesPerBlock).as("writes per block of the replica")
        .allSatisfy((block, writes) -> assertThat(writes).as(block).isEqualTo(1));
  }
}
