package dev.reprotect.azure.sim;

import static dev.reprotect.azure.sim.SimTestWorld.CALLER;
import static dev.reprotect.azure.sim.SimTestWorld.EAST;
import static dev.reprotect.azure.sim.SimTestWorld.SOUTHEAST;
import static dev.reprotect.azure.sim.SimTestWorld.block;
import static dev.reprotect.azure.sim.SimTestWorld.groupOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reprotect.azure.AzureErrorCode;
import dev.reprotect.azure.AzureException;
import dev.reprotect.azure.BlobRef;
import dev.reprotect.azure.ItemSide;
import dev.reprotect.azure.ProtectionState;
import dev.reprotect.azure.RecoveryPoint;
import dev.reprotect.azure.RecoveryPointType;
import dev.reprotect.azure.ReplicaDisk;
import dev.reprotect.azure.ReplicatedItem;
import dev.reprotect.azure.ReplicationPolicy;
import dev.reprotect.azure.Vault;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Recovery points: region-local snapshots of the replicas, sharing their blocks. */
class RecoveryPointTest {
  static final BlobRef REPLICA_OS = new BlobRef("stse", "replicas", "web-01-os.vhd");
  static final BlobRef REPLICA_DATA = new BlobRef("stse", "replicas", "web-01-data0.vhd");

  @TempDir Path dataDir;
  private SimTestWorld world;

  @BeforeEach
  void setUp() {
    world = SimTestWorld.in(dataDir.resolve("first"));
    protectedItem(world);
  }

  @AfterEach
  void tearDown() {
    world.close();
  }

  /** A VM active in eastasia, replicated to two replica disks in southeastasia. */
  static void protectedItem(SimTestWorld w) {
    w.account("stse", SOUTHEAST);
    w.group(EAST);
    w.azure.storage().createPageBlob(CALLER, REPLICA_OS, 8L * SimTestWorld.BLOCK_SIZE);
    w.azure.storage().createPageBlob(CALLER, REPLICA_DATA, 8L * SimTestWorld.BLOCK_SIZE);
    w.writeDistinct(REPLICA_OS, 0, 1);
    w.writeDistinct(REPLICA_DATA, 5);
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
                List.of(
                    new ReplicaDisk("os", "web-01-os", REPLICA_OS),
                    new ReplicaDisk("lun0", "web-01-data0", REPLICA_DATA)),
                null,
                false,
                false));
  }

  private RecoveryPoint take(SimTestWorld w, String id) {
    return w.azure
        .recoveryServices()
        .createRecoveryPoint(
            CALLER, "contoso", "web-01", id, RecoveryPointType.CrashConsistent, null);
  }

  @Test
  void aPointSnapshotsEveryReplicaInItsRegionWithoutNewBytes() {
    long files = world.filesIn(SOUTHEAST);

    RecoveryPoint point = take(world, "rp-1");

    assertThat(point.disks()).hasSize(2);
    assertThat(world.azure.storage().checksum(CALLER, point.disks().get(0)))
        .isEqualTo(world.azure.storage().checksum(CALLER, REPLICA_OS));
    assertThat(world.azure.storage().checksum(CALLER, point.disks().get(1)))
        .isEqualTo(world.azure.storage().checksum(CALLER, REPLICA_DATA));
    assertThat(point.disks())
        .allSatisfy(
            snapshot ->
                assertThat(world.azure.storage().blob(snapshot).orElseThrow().location())
                    .isEqualTo(SOUTHEAST));
    assertThat(world.filesIn(SOUTHEAST)).isEqualTo(files);
    assertThat(world.azure.metering().bytesTransferred(EAST, SOUTHEAST)).isZero();
  }

  @Test
  void laterWritesToTheReplicaLeaveThePointAsItWas() {
    RecoveryPoint point = take(world, "rp-1");
    String atPoint = world.azure.storage().checksum(CALLER, point.disks().get(0));

    world.write(REPLICA_OS, 0, block(1234));

    assertThat(world.azure.storage().checksum(CALLER, point.disks().get(0))).isEqualTo(atPoint);
    assertThat(world.azure.storage().readBlock(CALLER, point.disks().get(0), 0))
        .isEqualTo(block(0));
  }

  @Test
  void theSamePointIdTwiceReturnsTheExistingPointAndLogsOnce() {
    RecoveryPoint first = take(world, "rp-1");
    int logged = world.log().size();
    world.write(REPLICA_OS, 0, block(1234));

    RecoveryPoint again = take(world, "rp-1");

    assertThat(again).isEqualTo(first);
    assertThat(world.log()).hasSize(logged + 1); // the write only
    assertThat(world.azure.recoveryServices().recoveryPoints("contoso", "web-01"))
        .containsExactly(first);
  }

  @Test
  void aPointInAnUnavailableTargetRegionFailsTransientlyAndChangesNothing() {
    world.azure.resources().setRegionAvailable(CALLER, SOUTHEAST, false);
    String state = world.azure.exportState();

    assertThatThrownBy(() -> take(world, "rp-1"))
        .isInstanceOfSatisfying(
            AzureException.class,
            e -> assertThat(e.code()).isEqualTo(AzureErrorCode.RegionUnavailable));
    assertThat(world.azure.exportState()).isEqualTo(state);
  }

  @Test
  void twoBackendsTakingTheSamePointExportTheSameState() {
    try (SimTestWorld other = SimTestWorld.in(dataDir.resolve("second"))) {
      protectedItem(other);

      take(world, "rp-1");
      take(other, "rp-1");

      assertThat(other.azure.exportState()).isEqualTo(world.azure.exportState());
    }
  }
}
