package dev.reprotect.worker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reprotect.azure.ActivityLogEntry;
import dev.reprotect.worker.Await;
import dev.reprotect.workflows.reprotect.DiskSummary;
import dev.reprotect.workflows.reprotect.ProtectionSummary;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sync over a link of 2 MB/s on a real Temporal server, where a range of changed blocks takes
 * longer than a heartbeat interval allowed before the sync heartbeated within ranges: each disk has
 * two ranges of about 64 changed blocks of 1 MiB (about 34 s each, against the 30 s timeout of
 * then). A sync that heartbeats only between ranges times out in its second range (the dev server
 * never timed out a single long range, before any heartbeat), and its next attempt overlaps the one
 * still sending; this one heartbeats within the range and completes with one attempt per disk and
 * every block written once.
 */
class SlowLinkSyncIT {
  private static final String JOB = "reprotect.contoso.web-01";
  private static final String SYNC = "/SyncDisk/";

  /**
   * Two disks of 512 MiB (two ranges each), a quarter allocated and all of it changed. The latency
   * model's disk rate is scaled with its time: 0.02 MB/s at a hundredth of the reference pace is 2
   * MB/s in real time, while the control-plane steps take a hundredth of their minutes.
   */
  private static final List<String> SLOW_LINK =
      List.of(
          "--disk-size",
          "512MiB",
          "--allocated",
          "25",
          "--changed",
          "100",
          "--time-scale",
          "0.01",
          "--disk-mbps",
          "0.02");

  @TempDir Path dir;

  private TemporalDevServer temporal;
  private SimProcess sim;
  private PackagedCli.Running worker;

  @BeforeEach
  void startAll() throws Exception {
    temporal = new TemporalDevServer(dir.resolve("temporal.db")).start();
    sim = new SimProcess(dir.resolve("azure"), SLOW_LINK).start();
    worker =
        PackagedCli.start(
            "worker",
            "--address",
            temporal.address(),
            "--azure-url",
            sim.url(),
            "--azure-token",
            SimProcess.TOKEN);
  }

  @AfterEach
  void stopAll() throws Exception {
    worker.process().destroy();
    sim.stop();
    temporal.stop();
  }

  private List<ActivityLogEntry> syncWrites() {
    return sim.azure.metering().activityLog().stream()
        .filter(
            entry ->
                entry.correlationId().startsWith(JOB + "/")
                    && entry.correlationId().contains(SYNC)
                    && entry.operation().endsWith("pages/write"))
        .toList();
  }

  private boolean jobRunning() {
    return temporal
            .client()
            .getWorkflowServiceStubs()
            .blockingStub()
            .describeWorkflowExecution(
                DescribeWorkflowExecutionRequest.newBuilder()
                    .setNamespace("default")
                    .setExecution(WorkflowExecution.newBuilder().setWorkflowId(JOB))
                    .build())
            .getWorkflowExecutionInfo()
            .getStatus()
        == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;
  }

  // The sync takes minutes of real time by design: the link is the subject, and the disks are
  // read and written at its pace too (per range, its hash lists, then its blocks read, the
  // replica's old ones read and the new ones written; then the verification's checksums: about
  // 4 to 5 minutes a disk, the two disks at once, more on a loaded machine).
  @Test
  @Timeout(value = 12, unit = TimeUnit.MINUTES)
  void aSyncOverA2MbpsLinkCompletesWithoutAHeartbeatTimeoutAndWritesEachBlockOnce()
      throws Exception {
    PackagedCli.Result started =
        PackagedCli.run(
            "start", "web-01", "--vault", "contoso", "--address", temporal.address(), "--json");
    assertThat(started.exit()).as(started.stderr()).isZero();

    // Ends at the first write of a second attempt: an overlap is already the failure.
    Await.until(
        "the job ends or a sync's second attempt writes",
        Duration.ofMinutes(10),
        () ->
            !jobRunning()
                || syncWrites().stream().anyMatch(entry -> !entry.correlationId().endsWith("#1")));

    Map<String, Long> writesByAttempt =
        syncWrites().stream()
            .collect(
                Collectors.groupingBy(
                    entry ->
                        entry.correlationId().substring(entry.correlationId().lastIndexOf('#')),
                    Collectors.counting()));
    assertThat(writesByAttempt).as("block writes of the syncs by attempt").containsOnlyKeys("#1");
    ProtectionSummary summary =
        temporal
            .client()
            .newUntypedWorkflowStub(JOB)
            .getResult(1, TimeUnit.MINUTES, ProtectionSummary.class);
    assertThat(summary.state()).isEqualTo("Protected");
    assertThat(summary.disks())
        .hasSize(2)
        .allSatisfy(
            (DiskSummary disk) ->
                assertThat(disk.targetChecksum()).isEqualTo(disk.sourceChecksum()));
    assertThat(syncWrites())
        .as("every changed block of both disks")
        .hasSizeGreaterThanOrEqualTo(256)
        .extracting(ActivityLogEntry::resourceId)
        .doesNotHaveDuplicates();
  }
}
