package dev.reprotect.workflows.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

import dev.reprotect.activities.metering.DataPathCounters;
import dev.reprotect.azure.BlobRef;
import dev.reprotect.azure.CallerCosts;
import dev.reprotect.azure.PageBlob;
import dev.reprotect.azure.RecoveryPoint;
import dev.reprotect.azure.sim.Scenario;
import dev.reprotect.azure.sim.ScenarioSeeder;
import dev.reprotect.workflows.reprotect.ReprotectFixture;
import dev.reprotect.workflows.reprotect.ReprotectWorkflow;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The counters of issue 18 that can fail, read from the backend's meters (time scale 0, so they are
 * exact) as the quick benchmark reads them ({@link DataPathCounters}): an initial sync reads each
 * allocated byte at most once per side, and a delta cycle reads what changed, whatever the disk's
 * used size.
 */
class DataPathCountersTest {
  @RegisterExtension static final TestWorkflowExtension temporal = ReprotectFixture.temporal();

  private static final String OS = "os";

  /** 1,024 blocks of 64 KiB per disk, half of them used: 100x the 5 blocks a cycle changes. */
  private static final long DISK_SIZE = 64L << 20;

  private static final long CHANGED_BLOCKS = 5;

  @AutoClose private EndToEnd e2e;

  @Test
  void anInitialSyncReadsEachAllocatedByteAtMostOncePerSide(
      TestWorkflowEnvironment env, Worker worker) {
    Scenario scenario = scenario().changedPercent(30).build();
    e2e = new EndToEnd(scenario, env, worker);
    // The active VM's disks, and the stale VM's that the seeds copy: what each side holds.
    long sourceAllocated = allocatedBytes(scenario.sourceRegion());
    long targetAllocated = allocatedBytes(scenario.targetRegion());

    CallerCosts sync = e2e.azure.metering().costsBy(reprotectSyncs(env));

    double sourceReadOverAllocated =
        DataPathCounters.readOverAllocated(sync, scenario.sourceRegion(), sourceAllocated);
    double targetReadOverAllocated =
        DataPathCounters.readOverAllocated(sync, scenario.targetRegion(), targetAllocated);
    assertSoftly(
        softly -> {
          softly
              .assertThat(sourceReadOverAllocated)
              .as("sourceReadOverAllocated")
              .isLessThanOrEqualTo(DataPathCounters.SYNC_READ_GOAL);
          softly
              .assertThat(targetReadOverAllocated)
              .as("targetReadOverAllocated")
              .isLessThanOrEqualTo(DataPathCounters.SYNC_READ_GOAL);
        });
  }

  @Test
  void aDeltaCycleReadsTwiceWhatChangedAtMostOnADiskOfAHundredTimesMoreData(
      TestWorkflowEnvironment env, Worker worker) {
    Scenario scenario = scenario().build();
    e2e = new EndToEnd(scenario, env, worker);
    long used = allocatedBytes(scenario.sourceRegion());
    e2e.reprotect();
    // No cycle of the workflow runs beside the one measured here, against the last point's cut.
    e2e.replication().stop();
    List<RecoveryPoint> points = e2e.points();
    String base = points.get(points.size() - 1).cutId();
    for (long block = 0; block < CHANGED_BLOCKS; block++) {
      e2e.write(OS, 2 * block, DiskBytes.pattern(e2e.blockSize(), 7000 + (int) block));
    }
    long changed = CHANGED_BLOCKS * e2e.blockSize();
    assertThat(used)
        .as("used data over changed")
        .isGreaterThanOrEqualTo(DataPathCounters.USED_OVER_CHANGED * changed);

    // The cycle's activities run outside a workflow here: every caller is metered.
    CallerCosts cycle =
        DataPathCounters.costsDuring(
            e2e.azure.metering(), "", () -> e2e.takeAndShipCut(base, "counters.next"));

    assertThat((double) cycle.bytesRead() / changed)
        .as("cycleReadOverChanged")
        .isLessThanOrEqualTo(DataPathCounters.CYCLE_READ_GOAL);
  }

  private static Scenario.Builder scenario() {
    return ReprotectFixture.scenario().diskSizeBytes(DISK_SIZE).allocatedPercent(50);
  }

  /** The allocated bytes of the VMs' disks in {@code region}. */
  private long allocatedBytes(String region) {
    List<BlobRef> disks =
        e2e.storage.storageAccounts().stream()
            .filter(account -> account.location().equals(region))
            .flatMap(
                account ->
                    e2e.storage.blobs(account.name(), ScenarioSeeder.DISK_CONTAINER).stream())
            .map(PageBlob::ref)
            .toList();
    return DataPathCounters.allocatedBytes(e2e.storage, disks);
  }

  /** Runs the reprotect to its end; the correlation id prefix of its initial syncs. */
  private String reprotectSyncs(TestWorkflowEnvironment env) {
    env.start();
    ReprotectWorkflow workflow = e2e.fixture.newWorkflow(env.getWorkflowClient());
    workflow.reprotect(e2e.fixture.request());
    WorkflowExecution run = WorkflowStub.fromTyped(workflow).getExecution();
    return DataPathCounters.initialSyncsOf(run.getWorkflowId(), run.getRunId());
  }
}
