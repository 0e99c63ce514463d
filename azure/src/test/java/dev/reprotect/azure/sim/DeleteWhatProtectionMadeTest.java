package dev.reprotect.azure.sim;

import static dev.reprotect.azure.sim.SimTestWorld.CALLER;
import static dev.reprotect.azure.sim.SimTestWorld.EAST;
import static dev.reprotect.azure.sim.SimTestWorld.SOUTHEAST;
import static dev.reprotect.azure.sim.SimTestWorld.groupOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reprotect.azure.AzureErrorCode;
import dev.reprotect.azure.AzureException;
import dev.reprotect.azure.BlobRef;
import dev.reprotect.azure.ItemLifecycle;
import dev.reprotect.azure.ItemSide;
import dev.reprotect.azure.ProtectionState;
import dev.reprotect.azure.RecoveryPointType;
import dev.reprotect.azure.ReplicatedItem;
import dev.reprotect.azure.ReplicationPolicy;
import dev.reprotect.azure.RunningOperation;
import dev.reprotect.azure.Vault;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deletes a disable uses: an account or a group goes only once empty, an item only by the
 * disable that claims it; each of them, repeated on what is gone, succeeds and logs nothing.
 */
class DeleteWhatProtectionMadeTest {
  private static final String DISABLE = "disable.contoso.web-01";

  @TempDir Path dataDir;
  private SimTestWorld world;

  @BeforeEach
  void setUp() {
    world = SimTestWorld.in(dataDir);
  }

  @AfterEach
  void tearDown() {
    world.close();
  }

  @Test
  void anAccountThatHoldsABlobStaysAndAnEmptyOneGoesOnce() {
    world.account("stcache", EAST);
    BlobRef staging = world.blob("stcache", "web-01.c1.os.vhd", 2);

    assertThatThrownBy(() -> world.azure.storage().deleteStorageAccount(CALLER, "stcache"))
        .isInstanceOfSatisfying(AzureException.class,
            e -> assertThat(e.code()).isEqualTo(AzureErrorCode.Conflict));
    assertThat(world.azure.storage().storageAccount("stcache")).isPresent();

    world.azure.storage().deleteBlob(CALLER, staging);
    world.azure.storage().deleteStorageAccount(CALLER, "stcache");
    int logged = world.log().size();
    world.azure.storage().deleteStorageAccount(CALLER, "stcache");

    assertThat(world.azure.storage().storageAccount("stcache")).isEmpty();
    assertThat(world.log()).hasSize(logged);
  }

  @Test
  void aGroupThatHoldsAnAccountStaysAndAnEmptyOneGoes() {
    world.account("sttarget", SOUTHEAST);

    assertThatThrownBy(() -> world.azure.resources().deleteResourceGroup(CALLER,
        groupOf(SOUTHEAST))).isInstanceOfSatisfying(AzureException.class,
            e -> assertThat(e.code()).isEqualTo(AzureErrorCode.Conflict));

    world.azure.storage().deleteStorageAccount(CALLER, "sttarget");
    world.azure.resources().deleteResourceGroup(CALLER, groupOf(SOUTHEAST));
    world.azure.resources().deleteResourceGroup(CALLER, groupOf(SOUTHEAST));

    assertThat(world.azure.resources().resourceGroup(groupOf(SOUTHEAST))).isEmpty();
  }

  @Test
  void anItemIsRemovedWithItsPointsOnlyByTheDisableThatClaimsIt() {
    world.group(EAST);
    world.azure.recoveryServices().createVault(CALLER,
        new Vault("contoso", groupOf(EAST), EAST));
    world.azure.recoveryServices().putReplicatedItem(CALLER, new ReplicatedItem("contoso",
        "web-01", new ItemSide(EAST, groupOf(EAST), "steast"),
        new ItemSide(SOUTHEAST, groupOf(SOUTHEAST), "stsoutheast"), EAST,
        ProtectionState.Protected, ReplicationPolicy.defaultPolicy(), null, List.of(), null,
        false, false));
    world.azure.recoveryServices().createRecoveryPoint(CALLER, "contoso", "web-01", "p0",
        RecoveryPointType.CrashConsistent, null);

    assertThatThrownBy(() -> world.azure.recoveryServices().deleteReplicatedItem(CALLER,
        "contoso", "web-01", DISABLE)).isInstanceOfSatisfying(AzureException.class,
            e -> assertThat(e.code()).isEqualTo(AzureErrorCode.ItemChanged));

    world.azure.recoveryServices().claimOperation(CALLER, "contoso", "web-01",
        new RunningOperation(ItemLifecycle.Disable.name(), DISABLE, "run-1", Instant.EPOCH),
        null, ProtectionState.Disabling);
    world.azure.recoveryServices().deleteReplicatedItem(CALLER, "contoso", "web-01", DISABLE);
    world.azure.recoveryServices().deleteReplicatedItem(CALLER, "contoso", "web-01", DISABLE);

    assertThat(world.azure.recoveryServices().replicatedItem("contoso", "web-01")).isEmpty();
    assertThat(world.azure.recoveryServices().recoveryPoints("contoso", "web-01")).isEmpty();
  }
}
