package dev.reprotect.activities.replication;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reprotect.azure.Cuts;
import dev.reprotect.azure.VmCut;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** The cuts a VM keeps as a protection's cut 0 is taken, and as a cycle's is. */
class TakeCutTest {
  @AutoClose private final ShipmentTestWorld world = new ShipmentTestWorld(1, 4);

  /** A run that failed after its cut 0 left it; the next run's cut 0 deletes it. */
  @Test
  void cutZeroOfAProtectionDeletesTheCutsAFailedRunLeft() {
    world.takeCut("r1.c0");
    TakeCut first =
        TakeCut.firstOfAProtection(world.scenario.vault(), world.scenario.vm(), "r2.c0");

    world.cycle.takeCut(first);
    world.cycle.takeCut(first);

    assertThat(cutIds()).as("a retry finds its own cut 0").containsExactly("r2.c0");
  }

  @Test
  void aCyclesCutKeepsTheOthers() {
    world.takeCut("r1.c0");

    world.takeCut("r1.c1");

    assertThat(cutIds()).containsExactly("r1.c0", "r1.c1");
  }

  private List<String> cutIds() {
    return new Cuts(world.azure)
        .list(world.item().source().resourceGroup(), world.scenario.vm()).stream()
            .map(VmCut::id)
            .toList();
  }
}
