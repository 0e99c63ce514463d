package dev.reprotect.workflows.replication;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reprotect.activities.replication.CycleShipment;
import dev.reprotect.azure.Caller;
import dev.reprotect.azure.RecoveryPoint;
import dev.reprotect.azure.VmCut;
import dev.reprotect.azure.sim.FaultInjector;
import dev.reprotect.azure.sim.Scenario;
import dev.reprotect.workflows.reprotect.ReprotectFixture;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The shipment of a delta cycle on sparse disks: finding what changed costs a call per page of
 * changed ranges, not one per range of the disk's size, and a block trimmed since the last cut is
 * cleared on the replica as a written one is shipped.
 */
class SparseCycleTest {
  /** Reads done by the test itself, metered apart from any job's. */
  private static final Caller READER = Caller.of("sparseCycleTest");

  @RegisterExtension static final TestWorkflowExtension temporal = ReprotectFixture.temporal();

  private static final String OS = "os";
  private static final String DATA = "lun0";

  /** 1,024 blocks: 64 ranges per disk. */
  private static final long DISK_SIZE = 64L << 20;

  /** The calls that can tell a cycle which blocks changed. */
  private static final List<String> FINDING_CHANGES = List.of("pageRangesDiff", "blockHashes");

  @AutoClose private EndToEnd e2e;

  private int findingChangesCalls() {
    FaultInjector faults = e2e.azure.faults();
    return FINDING_CHANGES.stream().mapToInt(faults::callCount).sum();
  }

  @Test
  void aShipmentFindsItsChangesInACallPerDiskAndClearsWhatWasTrimmed(
      TestWorkflowEnvironment env, Worker worker) {
    e2e =
        new EndToEnd(
            ReprotectFixture.scenario()
                .diskSizeBytes(DISK_SIZE)
                .allocatedPercent(0)
                .targetVm(Scenario.TargetVm.Deleted)
                .build(),
            env,
            worker);
    long trimmed = 500;
    e2e.write(OS, trimmed, DiskBytes.pattern(e2e.blockSize(), 1));
    e2e.reprotect();
    // No cycle of the workflow runs beside the one shipped here, against the last point's cut.
    e2e.replication().stop();
    List<RecoveryPoint> points = e2e.points();
    String base = points.get(points.size() - 1).cutId();
    assertThat(
            DiskBytes.holds(
                e2e.storage, e2e.replica(OS), trimmed, DiskBytes.pattern(e2e.blockSize(), 1)))
        .as("the block reached the replica")
        .isTrue();
    for (long block = 10; block < 13; block++) {
      e2e.write(OS, block, DiskBytes.pattern(e2e.blockSize(), (int) block));
    }
    e2e.write(OS, trimmed, new byte[e2e.blockSize()]);
    e2e.write(DATA, 900, DiskBytes.pattern(e2e.blockSize(), 2));
    int callsBefore = findingChangesCalls();

    CycleShipment shipment = e2e.takeAndShipCut(base, "sparse.next");

    assertThat(findingChangesCalls() - callsBefore)
        .as("one diff of each disk's two cuts")
        .isEqualTo(2);
    assertThat(shipment.blocksChanged()).isEqualTo(5);
    VmCut cut = e2e.cut("sparse.next");
    for (String slot : e2e.slots()) {
      assertThat(
              DiskBytes.differingBlocks(e2e.storage, e2e.replica(slot), cut.disk(slot).snapshot()))
          .as("the replica of %s against the cut", slot)
          .isEmpty();
    }
    assertThat(e2e.storage.readBlock(READER, e2e.replica(OS), trimmed))
        .as("the trimmed block")
        .isEqualTo(new byte[e2e.blockSize()]);
  }
}
