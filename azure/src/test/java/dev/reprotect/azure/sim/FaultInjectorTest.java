package dev.reprotect.azure.sim;

import static dev.reprotect.azure.sim.SimTestWorld.CALLER;
import static dev.reprotect.azure.sim.SimTestWorld.EAST;
import static dev.reprotect.azure.sim.SimTestWorld.SOUTHEAST;
import static dev.reprotect.azure.sim.SimTestWorld.block;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.reprotect.azure.AzureErrorCode;
import dev.reprotect.azure.AzureException;
import dev.reprotect.azure.BlobRef;
import dev.reprotect.azure.ResourceGroup;
import dev.reprotect.azure.VirtualNetwork;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Faults and hooks by operation name and call number, counted from 1 per operation. */
class FaultInjectorTest {
  @TempDir Path dataDir;
  private SimTestWorld world;
  private FaultInjector faults;
  private BlobRef disk;

  @BeforeEach
  void setUp() {
    world = SimTestWorld.in(dataDir);
    faults = world.azure.faults();
    world.account("steast", EAST);
    disk = world.blob("steast", "disk.vhd", 8);
  }

  @AfterEach
  void tearDown() {
    world.close();
  }

  /** Creates network {@code vnet-<n>} and returns the error code it failed with, or null. */
  private AzureErrorCode createNetwork(int n) {
    try {
      world
          .azure
          .network()
          .createVirtualNetwork(
              CALLER, new VirtualNetwork(SimTestWorld.groupOf(EAST), "vnet-" + n, EAST));
      return null;
    } catch (AzureException e) {
      return e.code();
    }
  }

  @Test
  void failCallsFailsExactlyThoseCalls() {
    faults.failCalls("createVirtualNetwork", 2, 2, AzureErrorCode.TooManyRequests);
    assertThat(faults.callCount("createVirtualNetwork")).isZero();

    List<AzureErrorCode> outcomes = new ArrayList<>();
    for (int n = 1; n <= 4; n++) {
      outcomes.add(createNetwork(n));
    }

    assertThat(outcomes)
        .containsExactly(
            null, AzureErrorCode.TooManyRequests, AzureErrorCode.TooManyRequests, null);
    assertThat(faults.callCount("createVirtualNetwork")).isEqualTo(4);
    assertThat(world.azure.network().virtualNetwork(SimTestWorld.groupOf(EAST), "vnet-1"))
        .isPresent();
    assertThat(world.azure.network().virtualNetwork(SimTestWorld.groupOf(EAST), "vnet-2"))
        .isEmpty();
    assertThat(world.azure.network().virtualNetwork(SimTestWorld.groupOf(EAST), "vnet-3"))
        .isEmpty();
    assertThat(world.azure.network().virtualNetwork(SimTestWorld.groupOf(EAST), "vnet-4"))
        .isPresent();
  }

  @Test
  void callsAreCountedPerOperationFromTheFirstCallOfTheBackend() {
    // The set-up created one resource group already: the rule counts it.
    assertThat(faults.callCount("createResourceGroup")).isEqualTo(1);
    faults.failCalls("createResourceGroup", 2, 1, AzureErrorCode.InternalServerError);

    assertThatThrownBy(
            () ->
                world
                    .azure
                    .resources()
                    .createResourceGroup(CALLER, new ResourceGroup("rg-2", EAST)))
        .isInstanceOf(AzureException.class);
    world.azure.resources().createResourceGroup(CALLER, new ResourceGroup("rg-3", EAST));

    assertThat(world.azure.resources().resourceGroup("rg-2")).isEmpty();
    assertThat(world.azure.resources().resourceGroup("rg-3")).isPresent();
  }

  @Test
  void aFailedCallChangesNothing() {
    faults.failCalls("writeBlock", 1, 1, AzureErrorCode.InternalServerError);
    String state = world.azure.exportState();
    int logged = world.log().size();

    AzureException failure =
        catchThrowableOfType(AzureException.class, () -> world.write(disk, 0, block(1)));

    assertThat(failure.code()).isEqualTo(AzureErrorCode.InternalServerError);
    assertThat(failure.isTransient()).isTrue();
    assertThat(world.azure.exportState()).isEqualTo(state);
    assertThat(world.log()).hasSize(logged);
    assertThat(world.filesIn(EAST)).isZero();

    world.write(disk, 0, block(1));
    assertThat(world.allocated(disk)).containsExactly(0L);
  }

  @Test
  void faultsOfOneOperationLeaveOtherOperationsAlone() {
    faults.failCalls("readBlock", 1, 100, AzureErrorCode.InternalServerError);

    world.write(disk, 0, block(1));

    assertThat(world.allocated(disk)).containsExactly(0L);
    assertThatThrownBy(() -> world.azure.storage().readBlock(CALLER, disk, 0))
        .isInstanceOf(AzureException.class);
    assertThat(faults.callCount("writeBlock")).isEqualTo(1);
  }

  @Test
  void onCallRunsItsActionJustBeforeThatCall() {
    List<Long> allocatedWhenHookRan = new ArrayList<>();
    faults.onCall(
        "writeBlock",
        2,
        () ->
            allocatedWhenHookRan.add(
                world.azure.storage().blob(disk).orElseThrow().allocatedBytes()));

    world.write(disk, 0, block(1));
    assertThat(allocatedWhenHookRan).isEmpty();
    world.write(disk, 1, block(2));
    world.write(disk, 2, block(3));

    // It ran once, after the first write had landed and before the second.
    assertThat(allocatedWhenHookRan).containsExactly((long) SimTestWorld.BLOCK_SIZE);
  }

  @Test
  void aLostAnswerFailsTheCallAfterItWasAppliedAndMetered() {
    List<BlobRef> pair = world.crossRegionPair("source.vhd", "replica.vhd", 4);
    world.write(pair.get(0), 1, block(1));
    faults.loseAnswers("transferBlocks", 1, 1, AzureErrorCode.InternalServerError);

    assertThatThrownBy(
            () ->
                world.azure.storage().transferBlocks(CALLER, pair.get(0), pair.get(1), List.of(1L)))
        .isInstanceOfSatisfying(AzureException.class, e -> assertThat(e.isTransient()).isTrue());

    assertThat(world.allocated(pair.get(1))).containsExactly(1L);
    assertThat(world.azure.metering().bytesTransferredBy(CALLER.correlationId()))
        .isEqualTo(SimTestWorld.BLOCK_SIZE);
    assertThat(
            world
                .azure
                .storage()
                .transferBlocks(CALLER, pair.get(0), pair.get(1), List.of(1L))
                .meteredBytes())
        .as("the second call finds the block there")
        .isZero();
  }

  @Test
  void onlyAnOperationThatReportsItIsAppliedCanLoseItsAnswer() {
    assertThatThrownBy(
            () -> faults.loseAnswers("writeBlock", 1, 1, AzureErrorCode.InternalServerError))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("writeBlock");
  }

  @Test
  void anOutageStartedByAHookFailsTheCallItPrecedes() {
    BlobRef target = new BlobRef("stse", "seed", "copy.vhd");
    world.account("stse", SOUTHEAST);
    world.write(disk, 0, block(1));
    faults.onCall(
        "copyBlob", 1, () -> world.azure.resources().setRegionAvailable(CALLER, SOUTHEAST, false));

    assertThatThrownBy(() -> world.azure.storage().copyBlob(CALLER, disk, target))
        .isInstanceOfSatisfying(
            AzureException.class,
            e -> assertThat(e.code()).isEqualTo(AzureErrorCode.RegionUnavailable));
    assertThat(world.azure.storage().blob(target)).isEmpty();
    assertThat(world.azure.metering().bytesTransferred(EAST, SOUTHEAST)).isZero();
  }

  @Test
  void clearRemovesEveryRuleButKeepsCounting() {
    faults.failCalls("writeBlock", 1, 10, AzureErrorCode.TooManyRequests);
    assertThatThrownBy(() -> world.write(disk, 0, block(1))).isInstanceOf(AzureException.class);

    faults.clear();
    world.write(disk, 0, block(1));

    assertThat(world.allocated(disk)).containsExactly(0L);
    assertThat(faults.callCount("writeBlock")).isEqualTo(2);
  }

  @Test
  void aZeroCountFailsNothing() {
    faults.failCalls("writeBlock", 1, 0, AzureErrorCode.TooManyRequests);

    world.write(disk, 0, block(1));

    assertThat(world.allocated(disk)).containsExactly(0L);
  }
}
