package dev.reprotect.azure.sim;

import static dev.reprotect.azure.sim.SimTestWorld.CALLER;
import static dev.reprotect.azure.sim.SimTestWorld.EAST;
import static dev.reprotect.azure.sim.SimTestWorld.block;
import static dev.reprotect.azure.sim.SimTestWorld.groupOf;
import static dev.reprotect.azure.sim.SimTestWorld.zeros;
import static org.assertj.core.api.Assertions.assertThat;

import dev.reprotect.azure.BlobRef;
import dev.reprotect.azure.Cuts;
import dev.reprotect.azure.PageRange;
import dev.reprotect.azure.VirtualMachine;
import dev.reprotect.azure.VmCut;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the guest changed between two cuts: the page-range diff of the later cut's snapshot of a
 * disk against the earlier one's, found from the two block maps.
 */
class CutSnapshotDiffTest {
  private static final String RG = groupOf(EAST);

  @TempDir Path dataDir;
  private SimTestWorld world;
  private BlobRef os;
  private BlobRef data;

  @BeforeEach
  void setUp() {
    world = SimTestWorld.in(dataDir);
    VirtualMachine vm = world.createdVm("web-01", 2, 16);
    os = vm.osDisk().vhd();
    data = vm.dataDisks().get(0).vhd();
    world.writeDistinct(os, 0, 1, 2, 3);
    world.writeDistinct(data, 5);
    new Cuts(world.azure).take(CALLER, RG, "web-01", "base", false);
  }

  @AfterEach
  void tearDown() {
    world.close();
  }

  @Test
  void writesNewBlocksAndClearsAreChangedAndRewritingTheSameBytesIsNot() {
    world.write(os, 1, block(100)); // new content
    world.write(os, 2, zeros()); // cleared
    world.write(os, 3, block(3)); // the same bytes again
    world.write(os, 9, block(9)); // newly allocated
    new Cuts(world.azure).take(CALLER, RG, "web-01", "next", false);

    assertThat(changed("os", 0, 16)).containsExactly(new PageRange(1, 2), new PageRange(9, 1));
    assertThat(changed("os", 2, 9)).containsExactly(new PageRange(2, 1));
    assertThat(changed("lun0", 0, 16)).isEmpty();
  }

  @Test
  void aGrownDiskCountsItsAllocatedBlocksPastTheOldEnd() {
    world.azure.storage().resizePageBlob(CALLER, data, 32L * SimTestWorld.BLOCK_SIZE);
    world.write(data, 20, block(20));
    world.write(data, 5, zeros());
    new Cuts(world.azure).take(CALLER, RG, "web-01", "next", false);

    assertThat(changed("lun0", 0, Long.MAX_VALUE))
        .containsExactly(new PageRange(5, 1), new PageRange(20, 1));
  }

  @Test
  void aShrunkDiskHasNothingPastItsNewEnd() {
    world.azure.storage().resizePageBlob(CALLER, os, 2L * SimTestWorld.BLOCK_SIZE);
    new Cuts(world.azure).take(CALLER, RG, "web-01", "next", false);

    assertThat(changed("os", 0, 16)).isEmpty();
  }

  private List<PageRange> changed(String slot, long from, long to) {
    return world
        .azure
        .storage()
        .pageRangesDiff(CALLER, snapshot("next", slot), snapshot("base", slot), from, to, 100)
        .ranges();
  }

  private BlobRef snapshot(String cutId, String slot) {
    VmCut cut = new Cuts(world.azure).find(RG, "web-01", cutId).orElseThrow();
    return cut.disk(slot).snapshot();
  }
}
