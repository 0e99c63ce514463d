package dev.reprotect.azure.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reprotect.azure.Caller;
import dev.reprotect.azure.Cuts;
import dev.reprotect.azure.PageRange;
import dev.reprotect.azure.PageRanges;
import dev.reprotect.azure.VmCut;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cuts are state like any other: a durable simulator opened again still has them. */
class DurableCutsTest {
  private static final int BLOCK_SIZE = 4096;
  private static final Caller CALLER = Caller.of("durable-cuts");
  private static final Scenario SCENARIO =
      Scenario.builder().diskSizeBytes(64 * BLOCK_SIZE).dataDisks(1).build();
  private static final String RG =
      ScenarioSeeder.resourceGroupName(SCENARIO.vm(), SCENARIO.sourceRegion());

  @TempDir Path dataDir;

  private SimulatedAzure open() {
    return SimulatedAzure.durable(dataDir, BLOCK_SIZE)
        .withRegion(SCENARIO.sourceRegion())
        .withRegion(SCENARIO.targetRegion());
  }

  @Test
  void cutsAndTheirSnapshotsSurviveAReopen() {
    List<VmCut> cuts;
    PageRanges changed;
    String state;
    byte[] snapshotBlock;
    try (SimulatedAzure azure = open()) {
      new ScenarioSeeder(azure).seed(SCENARIO);
      new Cuts(azure).take(CALLER, RG, SCENARIO.vm(), "c1", false);
      azure.workload().write(RG, SCENARIO.vm(), "lun0", 7, SimTestWorld.block(7));
      VmCut second = new Cuts(azure).take(CALLER, RG, SCENARIO.vm(), "c2", false);
      azure.workload().write(RG, SCENARIO.vm(), "lun0", 7, SimTestWorld.block(8));
      cuts = new Cuts(azure).list(RG, SCENARIO.vm());
      changed = lun0Diff(azure, cuts);
      state = azure.exportState();
      snapshotBlock = azure.storage().readBlock(CALLER, second.disk("lun0").snapshot(), 7);
    }
    assertThat(changed.ranges()).contains(new PageRange(7, 1));
    assertThat(state).contains(" cut=c2");

    try (SimulatedAzure reopened = open()) {
      assertThat(new Cuts(reopened).list(RG, SCENARIO.vm())).isEqualTo(cuts);
      assertThat(lun0Diff(reopened, cuts)).isEqualTo(changed);
      assertThat(reopened.exportState()).isEqualTo(state);
      assertThat(reopened.storage().readBlock(CALLER, cuts.get(1).disk("lun0").snapshot(), 7))
          .isEqualTo(snapshotBlock)
          .isEqualTo(SimTestWorld.block(7));
    }
  }

  /** What the guest wrote on lun0 between the two cuts: the diff of their snapshots. */
  private static PageRanges lun0Diff(SimulatedAzure azure, List<VmCut> cuts) {
    return azure
        .storage()
        .pageRangesDiff(
            CALLER,
            cuts.get(1).disk("lun0").snapshot(),
            cuts.get(0).disk("lun0").snapshot(),
            0,
            64,
            100);
  }
}
