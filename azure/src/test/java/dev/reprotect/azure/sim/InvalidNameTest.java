package dev.reprotect.azure.sim;

import static dev.reprotect.azure.sim.SimTestWorld.CALLER;
import static dev.reprotect.azure.sim.SimTestWorld.EAST;
import static dev.reprotect.azure.sim.SimTestWorld.SOUTHEAST;
import static dev.reprotect.azure.sim.SimTestWorld.groupOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reprotect.azure.ActivityLogEntry;
import dev.reprotect.azure.AzureErrorCode;
import dev.reprotect.azure.AzureException;
import dev.reprotect.azure.BlobRef;
import dev.reprotect.azure.ItemSide;
import dev.reprotect.azure.ProtectionState;
import dev.reprotect.azure.ReplicatedItem;
import dev.reprotect.azure.ReplicationPolicy;
import dev.reprotect.azure.StorageAccount;
import dev.reprotect.azure.Vault;
import dev.reprotect.azure.VirtualMachine;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The create methods apply the naming rules, and a refused name changes nothing. */
class InvalidNameTest {
  @TempDir Path dataDir;
  private SimTestWorld world;
  private List<BlobRef> disks;

  @BeforeEach
  void setUp() {
    world = SimTestWorld.in(dataDir);
    world.account("steast", EAST);
    disks = List.of(world.blob("steast", "os.vhd", 2), world.blob("steast", "data0.vhd", 2));
    world.azure.recoveryServices().createVault(CALLER, new Vault("contoso", groupOf(EAST), EAST));
  }

  @AfterEach
  void tearDown() {
    world.close();
  }

  private void refusedAsInvalidNameWithoutChange(ThrowingCallable request) {
    String state = world.azure.exportState();
    List<ActivityLogEntry> log = world.log();

    assertThatThrownBy(request)
        .isInstanceOfSatisfying(
            AzureException.class,
            e -> assertThat(e.code()).isEqualTo(AzureErrorCode.InvalidResourceName));

    assertThat(world.azure.exportState()).isEqualTo(state);
    assertThat(world.log()).isEqualTo(log);
  }

  private Vault vault(String name) {
    return new Vault(name, groupOf(EAST), EAST);
  }

  private StorageAccount account(String name) {
    return new StorageAccount(name, groupOf(EAST), EAST, StorageAccount.KIND, Map.of());
  }

  private ReplicatedItem item(String name) {
    return new ReplicatedItem(
        "contoso",
        name,
        new ItemSide(EAST, groupOf(EAST), "steast"),
        new ItemSide(SOUTHEAST, groupOf(SOUTHEAST), "stsoutheast"),
        EAST,
        ProtectionState.Protected,
        ReplicationPolicy.defaultPolicy(),
        null,
        List.of(),
        null,
        false,
        false);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "a",
        "1vault",
        "-vault",
        "contoso.prod",
        "con_toso",
        "con toso",
        "a23456789012345678901234567890123456789012345678901"
      })
  void anInvalidVaultNameIsRefused(String name) {
    refusedAsInvalidNameWithoutChange(
        () -> world.azure.recoveryServices().createVault(CALLER, vault(name)));
    assertThat(world.azure.recoveryServices().vault(name)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"ab", "Fabrikam-2", "a2345678901234567890123456789012345678901234567890"})
  void aValidVaultNameIsAccepted(String name) {
    world.azure.recoveryServices().createVault(CALLER, vault(name));

    assertThat(world.azure.recoveryServices().vault(name)).contains(vault(name));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "web 01",
        "web/01",
        "web:01",
        "wéb",
        "a2345678901234567890123456789012345678901234567890123456789012345"
      })
  void anInvalidVmNameIsRefused(String name) {
    refusedAsInvalidNameWithoutChange(
        () -> world.azure.compute().createVirtualMachine(CALLER, world.vm(EAST, name, disks)));
    refusedAsInvalidNameWithoutChange(
        () -> world.azure.recoveryServices().putReplicatedItem(CALLER, item(name)));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "w",
        "web-01",
        "Web.01_b",
        "a234567890123456789012345678901234567890123456789012345678901234"
      })
  void aValidVmNameIsAccepted(String name) {
    VirtualMachine vm = world.vm(EAST, name, disks);

    world.azure.compute().createVirtualMachine(CALLER, vm);
    world.azure.recoveryServices().putReplicatedItem(CALLER, item(name));

    assertThat(world.azure.compute().virtualMachine(groupOf(EAST), name)).contains(vm);
    assertThat(world.azure.recoveryServices().replicatedItem("contoso", name)).isPresent();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"", "ab", "StEast", "st-east", "st_east", "st.east", "a2345678901234567890123x5"})
  void anInvalidStorageAccountNameIsRefused(String name) {
    refusedAsInvalidNameWithoutChange(
        () -> world.azure.storage().createStorageAccount(CALLER, account(name)));
    assertThat(world.azure.storage().storageAccount(name)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"abc", "0st", "a2345678901234567890123x"})
  void aValidStorageAccountNameIsAccepted(String name) {
    world.azure.storage().createStorageAccount(CALLER, account(name));

    assertThat(world.azure.storage().storageAccount(name)).contains(account(name));
  }
}
