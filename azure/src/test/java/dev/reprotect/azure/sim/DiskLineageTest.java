package dev.reprotect.azure.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.reprotect.azure.BlobRef;
import dev.reprotect.azure.Caller;
import dev.reprotect.azure.DiskLineage;
import dev.reprotect.azure.DiskLineage.Break;
import dev.reprotect.azure.DiskLineage.Seen;
import dev.reprotect.azure.ReplicatedItem;
import dev.reprotect.azure.arm.RecoveryServicesJson;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lineage a failover records on an item: its check, and the record wherever items are kept. */
class DiskLineageTest {
  private static final int BLOCK_SIZE = 4096;
  private static final long SIZE = 64L * BLOCK_SIZE;
  private static final BlobRef STALE = new BlobRef("steast", "vhds", "web-01-os.vhd");
  private static final BlobRef CUT = new BlobRef("steast", "cuts", "web-01.r1.c3.os.vhd");
  private static final BlobRef RECOVERED =
      new BlobRef("stsoutheast", "vhds", "web-01-os-r1.p3.vhd");
  private static final BlobRef BASE = new BlobRef("stsoutheast", "lineage", "web-01.r1.p3.os.vhd");
  private static final DiskLineage HOLDS =
      new DiskLineage(
          "os", "r1.p3", "sum", "r1.c3", CUT, "sum", STALE, SIZE, RECOVERED, SIZE, BASE);
  private static final Seen AS_LEFT = new Seen(STALE, SIZE, RECOVERED, SIZE, true, true);

  @TempDir Path dataDir;

  @Test
  void aLineageWhoseEveryLinkHoldsAllowsTheChangedBlocks() {
    assertThat(DiskLineage.check(HOLDS, AS_LEFT)).isEmpty();
  }

  @Test
  void eachBrokenLinkIsNamed() {
    assertThat(reason(null, AS_LEFT)).isEqualTo(Break.NoLineage);
    assertThat(
            reason(
                new DiskLineage(
                    "os", "p0", "sum", null, null, null, null, 0, RECOVERED, SIZE, BASE),
                AS_LEFT))
        .isEqualTo(Break.PointNotFromCut);
    assertThat(
            reason(
                new DiskLineage(
                    "os", "r1.p3", "sum", "r1.c3", null, null, null, 0, RECOVERED, SIZE, BASE),
                AS_LEFT))
        .as("the stale side unknown at the failover")
        .isEqualTo(Break.LineageSnapshotMissing);
    assertThat(
            reason(
                new DiskLineage(
                    "os", "r1.p3", "sum", "r1.c3", CUT, "sum", STALE, SIZE, RECOVERED, SIZE, null),
                AS_LEFT))
        .as("no base taken")
        .isEqualTo(Break.LineageSnapshotMissing);
    assertThat(reason(HOLDS, new Seen(STALE, SIZE, RECOVERED, SIZE, false, true)))
        .isEqualTo(Break.LineageSnapshotMissing);
    assertThat(reason(HOLDS, new Seen(STALE, SIZE, RECOVERED, SIZE, true, false)))
        .isEqualTo(Break.LineageSnapshotMissing);
    assertThat(
            reason(
                HOLDS,
                new Seen(
                    new BlobRef("steast", "vhds", "other.vhd"), SIZE, RECOVERED, SIZE, true, true)))
        .isEqualTo(Break.StaleDiskReplaced);
    assertThat(reason(HOLDS, new Seen(null, 0, RECOVERED, SIZE, true, true)))
        .as("the stale disk gone")
        .isEqualTo(Break.StaleDiskReplaced);
    assertThat(
            reason(
                HOLDS,
                new Seen(
                    STALE, SIZE, new BlobRef("stsoutheast", "vhds", "x.vhd"), SIZE, true, true)))
        .isEqualTo(Break.RecoveredDiskReplaced);
    assertThat(reason(HOLDS, new Seen(STALE, 2 * SIZE, RECOVERED, SIZE, true, true)))
        .isEqualTo(Break.DiskResized);
    assertThat(reason(HOLDS, new Seen(STALE, SIZE, RECOVERED, 2 * SIZE, true, true)))
        .isEqualTo(Break.DiskResized);
    assertThat(
            reason(
                new DiskLineage(
                    "os", "r1.p3", "other", "r1.c3", CUT, "sum", STALE, SIZE, RECOVERED, SIZE,
                    BASE),
                AS_LEFT))
        .as("a point that does not hold its cut")
        .isEqualTo(Break.PointNotFromCut);
  }

  @Test
  void theLineageGoesThroughTheItemsJsonAndAnItemWrittenBeforeItHasNone() {
    ReplicatedItem item =
        seededItem()
            .withLineage(
                List.of(
                    HOLDS,
                    new DiskLineage(
                        "lun0", "r1.p3", null, "r1.c3", null, null, null, 0, RECOVERED, SIZE,
                        null)));

    ObjectNode json = RecoveryServicesJson.replicatedItem(item);
    assertThat(RecoveryServicesJson.replicatedItem(json)).isEqualTo(item);

    ((ObjectNode) json.get("properties")).remove("lineage");
    assertThat(RecoveryServicesJson.replicatedItem(json).lineage()).isEmpty();
  }

  @Test
  void aDurableSimulatorKeepsTheLineage() {
    Scenario scenario = Scenario.builder().diskSizeBytes(SIZE).build();
    ReplicatedItem withLineage;
    try (SimulatedAzure azure = durable()) {
      new ScenarioSeeder(azure).seed(scenario);
      withLineage =
          azure
              .recoveryServices()
              .putReplicatedItem(
                  Caller.of("test"), item(azure, scenario).withLineage(List.of(HOLDS)));
    }
    try (SimulatedAzure reopened = durable()) {
      assertThat(item(reopened, scenario)).isEqualTo(withLineage);
      assertThat(reopened.exportState()).contains("lineage=[DiskLineage[slot=os");
    }
  }

  /** The journal stores an item as its record's JSON: one stored before has no lineage field. */
  @Test
  void anItemJournaledBeforeLineagesReadsWithNone() throws Exception {
    ObjectMapper journal =
        new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    ObjectNode stored = journal.valueToTree(seededItem().withLineage(List.of(HOLDS)));
    stored.remove("lineage");

    assertThat(journal.treeToValue(stored, ReplicatedItem.class).lineage()).isEmpty();
  }

  private ReplicatedItem seededItem() {
    Scenario scenario = Scenario.builder().diskSizeBytes(SIZE).build();
    try (SimulatedAzure azure = durable()) {
      new ScenarioSeeder(azure).seed(scenario);
      return item(azure, scenario);
    }
  }

  private SimulatedAzure durable() {
    Scenario scenario = Scenario.builder().build();
    return SimulatedAzure.durable(dataDir, BLOCK_SIZE)
        .withRegion(scenario.sourceRegion())
        .withRegion(scenario.targetRegion());
  }

  private static ReplicatedItem item(SimulatedAzure azure, Scenario scenario) {
    return azure.recoveryServices().replicatedItem(scenario.vault(), scenario.vm()).orElseThrow();
  }

  private static Break reason(DiskLineage lineage, Seen now) {
    Optional<DiskLineage.Broken> broken = DiskLineage.check(lineage, now);
    assertThat(broken).as("a broken link").isPresent();
    return broken.get().reason();
  }
}
