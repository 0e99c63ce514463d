package dev.reprotect.azure.sim;

import static dev.reprotect.azure.sim.SimTestWorld.BLOCK_SIZE;
import static dev.reprotect.azure.sim.SimTestWorld.CALLER;
import static dev.reprotect.azure.sim.SimTestWorld.EAST;
import static dev.reprotect.azure.sim.SimTestWorld.SOUTHEAST;
import static dev.reprotect.azure.sim.SimTestWorld.block;
import static dev.reprotect.azure.sim.SimTestWorld.groupOf;
import static dev.reprotect.azure.sim.SimTestWorld.zeros;
import static org.assertj.core.api.Assertions.assertThat;

import dev.reprotect.azure.BlobRef;
import dev.reprotect.azure.ItemSide;
import dev.reprotect.azure.ProtectionState;
import dev.reprotect.azure.ReplicatedItem;
import dev.reprotect.azure.ReplicationPolicy;
import dev.reprotect.azure.Vault;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The exported state is canonical: equal exactly when resources and disk contents are equal. */
class StateExportTest {
  private static final BlobRef OS = new BlobRef("steast", "vhds", "os.vhd");
  private static final BlobRef DATA = new BlobRef("steast", "vhds", "data.vhd");
  private static final BlobRef REPLICA = new BlobRef("stse", "vhds", "os.vhd");

  @TempDir Path dataDir;
  private SimTestWorld first;
  private SimTestWorld second;

  @BeforeEach
  void setUp() {
    first = SimTestWorld.in(dataDir.resolve("first"));
    second = SimTestWorld.in(dataDir.resolve("second"));
  }

  @AfterEach
  void tearDown() {
    first.close();
    second.close();
  }

  /** A small world: two regions' accounts, disks with data, a VM, a vault with an item. */
  private static void build(SimTestWorld w) {
    w.account("steast", EAST);
    w.account("stse", SOUTHEAST);
    w.blob("steast", "os.vhd", 16);
    w.blob("steast", "data.vhd", 8);
    w.writeDistinct(OS, 0, 4, 15);
    w.writeDistinct(DATA, 2);
    w.azure.compute().createVirtualMachine(CALLER, w.vm(EAST, "web-01", List.of(OS, DATA)));
    w.azure.recoveryServices().createVault(CALLER, new Vault("contoso", groupOf(EAST), EAST));
    w.azure
        .recoveryServices()
        .putReplicatedItem(
            CALLER,
            new ReplicatedItem(
                "contoso",
                "web-01",
                new ItemSide(EAST, groupOf(EAST), "steast"),
                new ItemSide(SOUTHEAST, groupOf(SOUTHEAST), "stse"),
                EAST,
                ProtectionState.Protected,
                ReplicationPolicy.defaultPolicy(),
                null,
                List.of(),
                null,
                false,
                false));
  }

  private void both(Consumer<SimTestWorld> steps) {
    steps.accept(first);
    steps.accept(second);
  }

  @Test
  void twoBackendsBuiltByTheSameStepsExportTheSameText() {
    both(StateExportTest::build);

    assertThat(first.azure.exportState()).isEqualTo(second.azure.exportState());
    assertThat(first.azure.exportState())
        .contains(
            "virtualMachine ", "storageAccount ", "replicatedItem ", "blob steast/vhds/os.vhd");
  }

  @Test
  void aChangeOfOneBlockChangesIt() {
    both(StateExportTest::build);

    second.write(OS, 4, block(44));

    assertThat(first.azure.exportState()).isNotEqualTo(second.azure.exportState());
  }

  @Test
  void aChangeOfOneByteChangesIt() {
    both(StateExportTest::build);
    byte[] changed = block(4);
    changed[BLOCK_SIZE - 1] ^= (byte) 0x80;

    second.write(OS, 4, changed);

    assertThat(first.azure.exportState()).isNotEqualTo(second.azure.exportState());
  }

  @Test
  void aChangeOfPowerStateOrAvailabilityChangesIt() {
    both(StateExportTest::build);
    String built = first.azure.exportState();

    first.azure.compute().powerOff(CALLER, groupOf(EAST), "web-01");
    second.azure.resources().setRegionAvailable(CALLER, SOUTHEAST, false);

    assertThat(first.azure.exportState()).isNotEqualTo(built);
    assertThat(second.azure.exportState()).isNotEqualTo(built);
    assertThat(first.azure.exportState()).isNotEqualTo(second.azure.exportState());
  }

  @Test
  void theOrderOfTheWritesDoesNotMatter() {
    both(StateExportTest::build);

    first.write(DATA, 1, block(1));
    first.write(DATA, 6, block(6));
    second.write(DATA, 6, block(6));
    second.write(DATA, 1, block(1));

    assertThat(first.azure.exportState()).isEqualTo(second.azure.exportState());
  }

  @Test
  void contentCountsNotHowItCameToBe() {
    both(StateExportTest::build);
    both(w -> w.blob("stse", "os.vhd", 16));

    // First: the replica is written block by block, with a detour through other content.
    first.writeDistinct(REPLICA, 0, 4, 15, 7);
    first.write(REPLICA, 7, zeros());
    // Second: it is a cross-region copy.
    second.azure.storage().copyBlob(CALLER, OS, REPLICA);

    assertThat(first.azure.exportState()).isEqualTo(second.azure.exportState());
    assertThat(first.log()).hasSizeGreaterThan(second.log().size());
  }

  @Test
  void readsDoNotChangeIt() {
    build(first);
    String built = first.azure.exportState();

    first.azure.storage().readBlock(CALLER, OS, 4);
    first.azure.storage().blockHashes(CALLER, OS, 0, 16, SOUTHEAST);
    first.azure.storage().checksum(CALLER, OS);
    first.azure.compute().virtualMachinesNamed(EAST, "web-01");

    assertThat(first.azure.exportState()).isEqualTo(built);
  }

  @Test
  void anEmptyWorldExportsItsRegions() {
    assertThat(first.azure.exportState()).isEqualTo(second.azure.exportState());
    assertThat(first.azure.exportState().lines())
        .anyMatch(line -> line.startsWith("region " + EAST))
        .anyMatch(line -> line.startsWith("region " + SOUTHEAST));
  }
}
