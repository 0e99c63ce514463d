package dev.reprotect.azure.sim;

import static dev.reprotect.azure.sim.SimTestWorld.CALLER;
import static dev.reprotect.azure.sim.SimTestWorld.block;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.reprotect.azure.ActivityLogEntry;
import dev.reprotect.azure.CallerCosts;
import dev.reprotect.azure.RecoveryPoint;
import dev.reprotect.azure.RecoveryPointType;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A point records its cut and the checksum of each snapshot; deleting it deletes them. */
class RecoveryPointChecksumTest {
  @TempDir Path dataDir;
  private SimTestWorld world;

  @BeforeEach
  void setUp() {
    world = SimTestWorld.in(dataDir);
    RecoveryPointTest.protectedItem(world);
  }

  @AfterEach
  void tearDown() {
    world.close();
  }

  @Test
  void aPointsChecksumsAreThoseOfTheReplicasWhenItWasTaken() {
    String osThen = world.azure.storage().checksum(CALLER, RecoveryPointTest.REPLICA_OS);
    String dataThen = world.azure.storage().checksum(CALLER, RecoveryPointTest.REPLICA_DATA);

    RecoveryPoint point = take("rp-1", "cut-7");
    world.write(RecoveryPointTest.REPLICA_OS, 2, block(2));

    assertThat(point.cutId()).isEqualTo("cut-7");
    assertThat(point.diskChecksums()).isEqualTo(Map.of("os", osThen, "lun0", dataThen));
    assertThat(world.azure.storage().checksum(CALLER, RecoveryPointTest.REPLICA_OS))
        .isNotEqualTo(osThen);
    assertThat(world.azure.recoveryServices().recoveryPoints("contoso", "web-01"))
        .containsExactly(point);
  }

  @Test
  void aPointsChecksumsAreStoragesRecordedOnesAndReadNoDisk() {
    CallerCosts before = world.azure.metering().costsBy(CALLER.correlationId());

    take("rp-1", null);

    CallerCosts after = world.azure.metering().costsBy(CALLER.correlationId());
    assertThat(after.bytesRead()).isEqualTo(before.bytesRead());
    assertThat(after.bytesHashed()).isEqualTo(before.bytesHashed());
    assertThat(after.calls("checksum")).isEqualTo(before.calls("checksum"));
  }

  @Test
  void deletingAPointDeletesItsSnapshotsOnce() {
    RecoveryPoint point = take("rp-1", null);
    RecoveryPoint kept = take("rp-2", null);

    world.azure.recoveryServices().deleteRecoveryPoint(CALLER, "contoso", "web-01", "rp-1");
    world.azure.recoveryServices().deleteRecoveryPoint(CALLER, "contoso", "web-01", "rp-1");

    assertThat(point.disks())
        .allSatisfy(snapshot -> assertThat(world.azure.storage().blob(snapshot)).isEmpty());
    assertThat(kept.disks())
        .allSatisfy(snapshot -> assertThat(world.azure.storage().blob(snapshot)).isPresent());
    assertThat(world.azure.recoveryServices().recoveryPoints("contoso", "web-01"))
        .containsExactly(kept);
    assertThat(world.log())
        .extracting(ActivityLogEntry::operation)
        .containsOnlyOnce(
            "Microsoft.RecoveryServices/vaults/replicatedItems/recoveryPoints/delete");
    assertThat(world.azure.storage().readBlock(CALLER, RecoveryPointTest.REPLICA_OS, 0))
        .isEqualTo(block(0));
  }

  @Test
  void aPointRecordedBeforeCutsAndChecksumsStillReads() throws Exception {
    ObjectMapper journalJson =
        new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    String old =
        "{\"id\":\"rp-0\",\"vault\":\"contoso\",\"item\":\"web-01\","
            + "\"time\":\"2024-05-01T10:00:00Z\",\"type\":\"CrashConsistent\",\"disks\":"
            + "[{\"storageAccount\":\"stse\",\"container\":\"recovery-points\",\"blob\":\"b.vhd\"}]}";

    RecoveryPoint point = journalJson.readValue(old, RecoveryPoint.class);

    assertThat(point.cutId()).isNull();
    assertThat(point.diskChecksums()).isEmpty();
    assertThat(point.disks()).hasSize(1);
  }

  private RecoveryPoint take(String id, String cutId) {
    return world
        .azure
        .recoveryServices()
        .createRecoveryPoint(
            CALLER, "contoso", "web-01", id, RecoveryPointType.CrashConsistent, cutId);
  }
}
