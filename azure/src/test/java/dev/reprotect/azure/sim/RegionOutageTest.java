package dev.reprotect.azure.sim;

import static dev.reprotect.azure.sim.SimTestWorld.BLOCK_SIZE;
import static dev.reprotect.azure.sim.SimTestWorld.CALLER;
import static dev.reprotect.azure.sim.SimTestWorld.EAST;
import static dev.reprotect.azure.sim.SimTestWorld.SOUTHEAST;
import static dev.reprotect.azure.sim.SimTestWorld.block;
import static dev.reprotect.azure.sim.SimTestWorld.groupOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reprotect.azure.ActivityLogEntry;
import dev.reprotect.azure.AvailabilitySet;
import dev.reprotect.azure.AzureErrorCode;
import dev.reprotect.azure.AzureException;
import dev.reprotect.azure.BlobRef;
import dev.reprotect.azure.Region;
import dev.reprotect.azure.ResourceGroup;
import dev.reprotect.azure.StorageAccount;
import dev.reprotect.azure.Vault;
import dev.reprotect.azure.VirtualNetwork;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** An outage of a region: every request that needs it fails transiently and changes nothing. */
class RegionOutageTest {
  private static final BlobRef EAST_BLOB = new BlobRef("steast", "vhds", "east.vhd");
  private static final BlobRef SE_BLOB = new BlobRef("stse", "vhds", "southeast.vhd");
  private static final String SE_VM = "vm-se";

  @TempDir Path dataDir;
  private SimTestWorld world;

  @BeforeEach
  void setUp() {
    world = SimTestWorld.in(dataDir);
    world.account("steast", EAST);
    world.account("stse", SOUTHEAST);
    world.blob("steast", "east.vhd", 4);
    world.blob("stse", "southeast.vhd", 4);
    world.writeDistinct(EAST_BLOB, 0, 1);
    world.writeDistinct(SE_BLOB, 2);
    world
        .azure
        .compute()
        .createVirtualMachine(
            CALLER, world.vm(SOUTHEAST, SE_VM, List.of(world.blob("stse", "vm-os.vhd", 4))));
  }

  @AfterEach
  void tearDown() {
    world.close();
  }

  /** A request that needs southeastasia. */
  record Request(String name, Consumer<SimTestWorld> action) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Request> requestsNeedingSoutheastAsia() {
    return Stream.of(
        new Request(
            "createResourceGroup",
            w ->
                w.azure
                    .resources()
                    .createResourceGroup(CALLER, new ResourceGroup("rg-new", SOUTHEAST))),
        new Request(
            "createStorageAccount",
            w ->
                w.azure
                    .storage()
                    .createStorageAccount(
                        CALLER,
                        new StorageAccount(
                            "stnew",
                            groupOf(SOUTHEAST),
                            SOUTHEAST,
                            StorageAccount.KIND,
                            Map.of()))),
        new Request(
            "createPageBlob",
            w ->
                w.azure
                    .storage()
                    .createPageBlob(CALLER, new BlobRef("stse", "vhds", "new.vhd"), BLOCK_SIZE)),
        new Request(
            "resizePageBlob",
            w -> w.azure.storage().resizePageBlob(CALLER, SE_BLOB, 8L * BLOCK_SIZE)),
        new Request("writeBlock", w -> w.write(SE_BLOB, 3, block(3))),
        new Request("deleteBlob", w -> w.azure.storage().deleteBlob(CALLER, SE_BLOB)),
        new Request(
            "copyBlob into it",
            w ->
                w.azure
                    .storage()
                    .copyBlob(CALLER, EAST_BLOB, new BlobRef("stse", "seed", "copy.vhd"))),
        new Request(
            "copyBlob out of it",
            w ->
                w.azure
                    .storage()
                    .copyBlob(CALLER, SE_BLOB, new BlobRef("steast", "seed", "copy.vhd"))),
        new Request(
            "transferBlocks into it",
            w ->
                w.azure
                    .storage()
                    .transferBlocks(CALLER, EAST_BLOB, SE_BLOB, List.of(0L, 1L, 2L, 3L))),
        new Request(
            "blockHashes of a blob in it",
            w -> w.azure.storage().blockHashes(CALLER, SE_BLOB, 0, 4, SOUTHEAST)),
        new Request(
            "blockHashes delivered to it",
            w -> w.azure.storage().blockHashes(CALLER, EAST_BLOB, 0, 4, SOUTHEAST)),
        new Request("checksum", w -> w.azure.storage().checksum(CALLER, SE_BLOB)),
        new Request(
            "createVirtualMachine",
            w ->
                w.azure
                    .compute()
                    .createVirtualMachine(CALLER, w.vm(SOUTHEAST, "vm-new", List.of(SE_BLOB)))),
        new Request("powerOff", w -> w.azure.compute().powerOff(CALLER, groupOf(SOUTHEAST), SE_VM)),
        new Request(
            "deleteVirtualMachine",
            w -> w.azure.compute().deleteVirtualMachine(CALLER, groupOf(SOUTHEAST), SE_VM)),
        new Request(
            "createAvailabilitySet",
            w ->
                w.azure
                    .compute()
                    .createAvailabilitySet(
                        CALLER, new AvailabilitySet(groupOf(SOUTHEAST), "avset", SOUTHEAST))),
        new Request(
            "createVirtualNetwork",
            w ->
                w.azure
                    .network()
                    .createVirtualNetwork(
                        CALLER, new VirtualNetwork(groupOf(SOUTHEAST), "vnet", SOUTHEAST))),
        new Request(
            "createVault",
            w ->
                w.azure
                    .recoveryServices()
                    .createVault(CALLER, new Vault("contoso", groupOf(SOUTHEAST), SOUTHEAST))));
  }

  @ParameterizedTest
  @MethodSource("requestsNeedingSoutheastAsia")
  void aRequestNeedingAnUnavailableRegionFailsTransientlyAndChangesNothing(Request request) {
    world.azure.resources().setRegionAvailable(CALLER, SOUTHEAST, false);
    String state = world.azure.exportState();
    List<ActivityLogEntry> log = world.log();
    long files = world.allFiles();

    assertThatThrownBy(() -> request.action().accept(world))
        .isInstanceOfSatisfying(
            AzureException.class,
            e -> {
              assertThat(e.code()).isEqualTo(AzureErrorCode.RegionUnavailable);
              assertThat(e.isTransient()).isTrue();
              assertThat(e.region()).isEqualTo(SOUTHEAST);
            });

    assertThat(world.azure.exportState()).isEqualTo(state);
    assertThat(world.log()).isEqualTo(log);
    assertThat(world.allFiles()).isEqualTo(files);
    assertThat(world.azure.metering().bytesTransferred(EAST, SOUTHEAST)).isZero();
    assertThat(world.azure.metering().bytesTransferred(SOUTHEAST, EAST)).isZero();
  }

  @ParameterizedTest
  @MethodSource("requestsNeedingSoutheastAsia")
  void theSameRequestSucceedsOnceTheRegionIsBack(Request request) {
    world.azure.resources().setRegionAvailable(CALLER, SOUTHEAST, false);
    assertThatThrownBy(() -> request.action().accept(world)).isInstanceOf(AzureException.class);

    world.azure.resources().setRegionAvailable(CALLER, SOUTHEAST, true);

    request.action().accept(world);
  }

  @Test
  void theOutageIsVisibleOnTheRegionAndLogged() {
    world.azure.resources().setRegionAvailable(CALLER, SOUTHEAST, false);

    assertThat(world.azure.resources().region(SOUTHEAST)).contains(new Region(SOUTHEAST, false));
    assertThat(world.azure.resources().region(EAST)).contains(new Region(EAST, true));
    assertThat(world.log().get(world.log().size() - 1).resourceId())
        .isEqualTo("/locations/" + SOUTHEAST);
  }

  @Test
  void theOtherRegionKeepsWorking() {
    world.azure.resources().setRegionAvailable(CALLER, SOUTHEAST, false);

    world.write(EAST_BLOB, 3, block(3));
    BlobRef copy = new BlobRef("steast", "seed", "copy.vhd");
    world.azure.storage().copyBlob(CALLER, EAST_BLOB, copy);

    assertThat(world.allocated(copy)).containsExactly(0L, 1L, 3L);
  }

  @Test
  void aRegionErrorIsTransientAndABusinessErrorIsNot() {
    assertThat(AzureErrorCode.RegionUnavailable.isTransient()).isTrue();
    assertThat(AzureErrorCode.TooManyRequests.isTransient()).isTrue();
    assertThat(AzureErrorCode.InternalServerError.isTransient()).isTrue();
    assertThat(AzureErrorCode.Conflict.isTransient()).isFalse();
    assertThat(AzureErrorCode.OperationInProgress.isTransient()).isFalse();
    assertThat(AzureException.regionUnavailable(SOUTHEAST).region()).isEqualTo(SOUTHEAST);
  }

  @Test
  void anUnknownRegionIsNotFoundRatherThanUnavailable() {
    assertThatThrownBy(
            () ->
                world
                    .azure
                    .resources()
                    .createResourceGroup(CALLER, new ResourceGroup("rg-x", "westeurope")))
        .isInstanceOfSatisfying(
            AzureException.class,
            e -> assertThat(e.code()).isEqualTo(AzureErrorCode.ResourceNotFound));
  }
}
