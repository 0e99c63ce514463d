package dev.reprotect.worker.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reprotect.azure.ActivityLogEntry;
import dev.reprotect.azure.ProtectionState;
import dev.reprotect.azure.ReplicatedItem;
import dev.reprotect.worker.Await;
import dev.reprotect.workflows.job.JobState;
import dev.reprotect.workflows.reprotect.DiskSummary;
import dev.reprotect.workflows.reprotect.ProtectionSummary;
import dev.reprotect.workflows.reprotect.ReprotectWorkflow;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.failure.CanceledFailure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cancel of a job whose two disks sync in parallel, on a real Temporal server: the time-skipping
 * test server can hang when the workflow cancels one sync in the workflow task in which the other
 * ended (sdk-java#2391), so the workflow tests cancel one-disk jobs only.
 */
class DevServerCancelIT {
  private static final String VM = "web-01";
  private static final String VAULT = "contoso";
  private static final String JOB = "reprotect." + VAULT + "." + VM;

  /** A quarter of the crash tests' pace: each disk's sync spans seconds after the cancel. */
  private static final String SLOW_DISK_MBPS = "0.05";

  /** The re-run's pace: what the cancel left to sync takes no time. */
  private static final double FAST_DISK_MBPS = 60;

  private static final Path RECORDED = Paths.get("target", "histories");

  @TempDir Path dir;

  private DevServerWorld world;

  @BeforeEach
  void startAll() throws Exception {
    world = DevServerWorld.start(dir, SimProcess.killableMidSync(SLOW_DISK_MBPS));
  }

  @AfterEach
  void stopAll() throws Exception {
    world.stop();
  }

  @Test
  void aCancelStopsBothSyncsReleasesTheItemAndAReRunCompletes() throws Exception {
    start();
    Await.until("both disks' syncs write blocks", () -> syncsThatWrote().size() == 2);

    PackagedCli.Result cancel = world.cli("cancel", VM, "--vault", VAULT);
    assertThat(cancel.exit()).as(cancel.stderr()).isZero();

    WorkflowClient client = world.temporal.client();
    assertThatThrownBy(
            () ->
                client
                    .newUntypedWorkflowStub(JOB)
                    .getResult(3, TimeUnit.MINUTES, ProtectionSummary.class))
        .isInstanceOf(WorkflowFailedException.class)
        .cause()
        .isInstanceOf(CanceledFailure.class);
    assertThat(client.newWorkflowStub(ReprotectWorkflow.class, JOB).job().state())
        .isEqualTo(JobState.Cancelled);
    WorkflowExecutionHistory history = client.fetchHistory(JOB);
    assertThat(eventsOf(history, EventType.EVENT_TYPE_ACTIVITY_TASK_CANCELED))
        .as("both syncs stopped at a safe point, neither ran to its end")
        .hasSize(2);
    assertThat(eventsOf(history, EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED))
        .extracting(event -> event.getActivityTaskCompletedEventAttributes().getScheduledEventId())
        .doesNotContainAnyElementsOf(syncsScheduled(history));
    ReplicatedItem item =
        world.sim.azure.recoveryServices().replicatedItem(VAULT, VM).orElseThrow();
    assertThat(item.state()).isEqualTo(ProtectionState.ReprotectFailed);
    assertThat(item.runningOperation()).isNull();
    Set<String> cancelledSyncs = syncsThatWrote();

    Files.createDirectories(RECORDED);
    Files.writeString(RECORDED.resolve("reprotect-cancelled-two-disks.json"), history.toJson(true));
    PackagedCli.Result replay = world.cli("replay", "--workflow-id", JOB, "--json");
    assertThat(replay.exit()).as(replay.stdout() + replay.stderr()).isZero();
    assertThat(new ObjectMapper().readTree(replay.stdout()).get("deterministic").asBoolean())
        .as(replay.stdout())
        .isTrue();

    world.sim.setDiskMbps(FAST_DISK_MBPS);
    start();
    ProtectionSummary rerun =
        client.newUntypedWorkflowStub(JOB).getResult(3, TimeUnit.MINUTES, ProtectionSummary.class);

    assertThat(rerun.state()).isEqualTo("Protected");
    assertThat(rerun.disks())
        .hasSize(2)
        .allSatisfy(
            (DiskSummary disk) ->
                assertThat(disk.targetChecksum()).as(disk.name()).isEqualTo(disk.sourceChecksum()));
    List<ActivityLogEntry> log = world.sim.azure.metering().activityLog();
    long released =
        log.stream()
            .filter(entry -> isByJob(entry, "ReleaseFailedItem"))
            .mapToLong(ActivityLogEntry::sequence)
            .max()
            .orElseThrow();
    assertThat(log)
        .as("no block written by a cancelled sync after the item was released")
        .filteredOn(
            entry ->
                entry.sequence() > released
                    && isBlockWrite(entry)
                    && cancelledSyncs.contains(syncActivityId(entry)))
        .isEmpty();
  }

  private void start() throws Exception {
    PackagedCli.Result started = world.cli("start", VM, "--vault", VAULT, "--json");
    assertThat(started.exit()).as(started.stderr()).isZero();
  }

  /** The activity ids of the syncs that have written blocks so far, whatever their run. */
  private Set<String> syncsThatWrote() {
    return world.sim.azure.metering().activityLog().stream()
        .filter(DevServerCancelIT::isBlockWrite)
        .map(DevServerCancelIT::syncActivityId)
        .collect(Collectors.toSet());
  }

  private static boolean isBlockWrite(ActivityLogEntry entry) {
    return isByJob(entry, "SyncDisk") && entry.operation().endsWith("pages/write");
  }

  /**
   * Whether an activity of type {@code activityType} of the job made the entry: its correlation id
   * is {@code <workflow>/<run>/<activity type>/<activity id>#<attempt>}.
   */
  private static boolean isByJob(ActivityLogEntry entry, String activityType) {
    String[] parts = entry.correlationId().split("/", 4);
    return parts.length == 4 && parts[0].equals(JOB) && parts[2].equals(activityType);
  }

  /** The run and activity id of a sync's entry, without the attempt. */
  private static String syncActivityId(ActivityLogEntry entry) {
    String id = entry.correlationId();
    return id.substring(JOB.length() + 1, id.indexOf('#'));
  }

  private static List<HistoryEvent> eventsOf(WorkflowExecutionHistory history, EventType type) {
    return history.getEvents().stream().filter(event -> event.getEventType() == type).toList();
  }

  private static List<Long> syncsScheduled(WorkflowExecutionHistory history) {
    return eventsOf(history, EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED).stream()
        .filter(
            event ->
                event
                    .getActivityTaskScheduledEventAttributes()
                    .getActivityType()
                    .getName()
                    .equals("SyncDisk"))
        .map(HistoryEvent::getEventId)
        .toList();
  }
}
