package dev.reprotect.workflows.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reprotect.activities.replication.CycleShipment;
import dev.reprotect.azure.BlobRef;
import dev.reprotect.azure.CallerCosts;
import dev.reprotect.azure.RecoveryPoint;
import dev.reprotect.workflows.reprotect.ReprotectFixture;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A shipment that names no base (a failover's to {@code latest}) ships what changed since the cut
 * the item records its replicas hold, with what a stopped shipment may have written: read from the
 * backend's meters and the bytes, on a disk of 100x more used data than changed.
 */
class ReplicaCutsTest {
  @RegisterExtension static final TestWorkflowExtension temporal = ReprotectFixture.temporal();

  private static final String OS = "os";
  private static final long CHANGED_BLOCKS = 5;

  @AutoClose private EndToEnd e2e;

  @Test
  void aShipmentThatNamesNoBaseReadsWhatChangedSinceTheCutTheReplicasHold(
      TestWorkflowEnvironment env, Worker worker) {
    reprotectedAndStopped(env, worker);
    for (long block = 0; block < CHANGED_BLOCKS; block++) {
      e2e.write(OS, 2 * block, DiskBytes.pattern(e2e.blockSize(), 7100 + (int) block));
    }
    long changed = CHANGED_BLOCKS * e2e.blockSize();
    CallerCosts before = e2e.azure.metering().costsBy("");

    e2e.takeAndShipCut(null, "failover.latest");

    long read = e2e.azure.metering().costsBy("").bytesRead() - before.bytesRead();
    assertThat((double) read / changed).as("latestReadOverChanged").isLessThanOrEqualTo(2.1);
    assertReplicasHold("failover.latest");
  }

  @Test
  void aShipmentStoppedHalfWayIsCompletedByTheNextEvenWhereABlockChangedBack(
      TestWorkflowEnvironment env, Worker worker) {
    reprotectedAndStopped(env, worker);
    List<RecoveryPoint> points = e2e.points();
    BlobRef base = e2e.cut(points.get(points.size() - 1).cutId()).disk(OS).snapshot();
    byte[] before = e2e.storage.readBlock(EndToEnd.OPERATOR, base, 0);
    e2e.write(OS, 0, DiskBytes.pattern(e2e.blockSize(), 7200));
    // The worker dies once the blocks are on the replicas, before their verification.
    e2e.azure
        .faults()
        .onCall(
            "recordedChecksum",
            e2e.azure.faults().callCount("recordedChecksum") + 1,
            () -> {
              throw new IllegalStateException("the worker died");
            });
    assertThatThrownBy(() -> e2e.takeAndShipCutOnce("stopped"))
        .hasStackTraceContaining("the worker died");
    // Block 0 is back as it was in the base, so only what the stopped cut wrote says it moved.
    e2e.write(OS, 0, before);
    e2e.write(OS, 4, DiskBytes.pattern(e2e.blockSize(), 7201));

    CycleShipment next = e2e.takeAndShipCut(null, "next");

    assertThat(next.blocksRepaired()).as("blocks the verification had to repair").isZero();
    assertReplicasHold("next");
  }

  /** The item reprotected, its replication stopped as a failover stops it. */
  private void reprotectedAndStopped(TestWorkflowEnvironment env, Worker worker) {
    e2e =
        new EndToEnd(
            ReprotectFixture.scenario().diskSizeBytes(64L << 20).allocatedPercent(50).build(),
            env,
            worker);
    e2e.reprotect();
    e2e.replication().stop();
  }

  /** Each replica's bytes hash as its disk's in {@code cutId}, both read where they live. */
  private void assertReplicasHold(String cutId) {
    for (String slot : e2e.slots()) {
      assertThat(e2e.storage.checksum(EndToEnd.OPERATOR, e2e.replica(slot)))
          .as(slot)
          .isEqualTo(e2e.storage.checksum(EndToEnd.OPERATOR, e2e.cut(cutId).disk(slot).snapshot()));
    }
  }
}
