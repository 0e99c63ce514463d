package dev.reprotect.azure.sim;

import static dev.reprotect.azure.sim.SimTestWorld.CALLER;
import static dev.reprotect.azure.sim.SimTestWorld.EAST;
import static dev.reprotect.azure.sim.SimTestWorld.block;
import static dev.reprotect.azure.sim.SimTestWorld.groupOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reprotect.azure.AzureErrorCode;
import dev.reprotect.azure.AzureException;
import dev.reprotect.azure.ChurnPattern;
import dev.reprotect.azure.ChurnSpec;
import dev.reprotect.azure.ChurnStatus;
import dev.reprotect.azure.VirtualMachine;
import dev.reprotect.azure.WriteHold;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The guests' writes: explicit ones, the churn of a running VM, and their agent's holds. */
class GuestWorkloadTest {
  private static final String RG = groupOf(EAST);
  private static final ChurnSpec ONE_MB = new ChurnSpec(1, ChurnPattern.HotSpot, 5);
  private static final Duration LIMIT = Duration.ofSeconds(30);

  @TempDir Path dataDir;
  private SimTestWorld world;
  private VirtualMachine vm;

  @BeforeEach
  void setUp() {
    world = SimTestWorld.in(dataDir);
    vm = world.createdVm("web-01", 2, 64);
  }

  @AfterEach
  void tearDown() {
    world.close();
  }

  @Test
  void aGuestWriteLandsOnTheDiskAndIsNotAControlPlaneOperation() {
    int logged = world.log().size();

    world.azure.workload().write(RG, "web-01", "lun0", 3, block(3));

    assertThat(world.azure.storage().readBlock(CALLER, vm.dataDisks().get(0).vhd(), 3))
        .isEqualTo(block(3));
    assertThat(world.log()).hasSize(logged);
  }

  @Test
  void aStoppedVmsGuestWritesNothing() {
    world.azure.compute().powerOff(CALLER, RG, "web-01");
    String state = world.azure.exportState();

    assertCode(
        () -> world.azure.workload().write(RG, "web-01", "os", 0, block(0)),
        AzureErrorCode.Conflict);
    assertCode(
        () -> world.azure.workload().startChurn(RG, "web-01", ONE_MB), AzureErrorCode.Conflict);
    assertThat(
            world.azure.workload().holdWrites(CALLER, RG, "web-01", "h1", LIMIT, true).quiesced())
        .as("a guest that does not run has nothing to quiesce")
        .isFalse();
    assertThat(world.azure.exportState()).isEqualTo(state);
  }

  @Test
  void aWriteOutsideTheDiskOrOfAnotherSizeIsRefused() {
    assertCode(
        () -> world.azure.workload().write(RG, "web-01", "os", 64, block(0)),
        AzureErrorCode.InvalidParameter);
    assertCode(
        () -> world.azure.workload().write(RG, "web-01", "os", 0, new byte[10]),
        AzureErrorCode.InvalidParameter);
    assertCode(
        () -> world.azure.workload().write(RG, "web-01", "lun7", 0, block(0)),
        AzureErrorCode.ResourceNotFound);
    assertCode(
        () -> world.azure.workload().write(RG, "web-02", "os", 0, block(0)),
        AzureErrorCode.ResourceNotFound);
  }

  @Test
  void churnWritesToEveryDiskUntilStopped() throws InterruptedException {
    world.azure.workload().startChurn(RG, "web-01", ONE_MB);

    await(
        () ->
            world.allocated(vm.osDisk().vhd()).size() >= 3
                && world.allocated(vm.dataDisks().get(0).vhd()).size() >= 3);
    ChurnStatus status = world.azure.workload().churn(RG, "web-01").orElseThrow();
    world.azure.workload().stopChurn(RG, "web-01");

    assertThat(status.spec()).isEqualTo(ONE_MB);
    assertThat(status.blocksWritten()).isPositive();
    assertThat(status.bytesWritten()).isEqualTo(status.blocksWritten() * SimTestWorld.BLOCK_SIZE);
    assertThat(world.azure.workload().churn(RG, "web-01")).isEmpty();
    assertThat(churnThreadsAlive()).isFalse();
    world.azure.workload().stopChurn(RG, "web-01");
  }

  @Test
  void closingTheSimulatorStopsItsChurn() {
    world.azure.workload().startChurn(RG, "web-01", ONE_MB);
    world.azure.workload().startChurn(RG, "web-01", ONE_MB);
    assertThat(churnThreadsAlive()).isTrue();

    world.close();

    assertThat(churnThreadsAlive()).isFalse();
  }

  @Test
  void aHeldGuestsWriteWaitsForTheRelease() throws InterruptedException {
    world.azure.workload().holdWrites(CALLER, RG, "web-01", "h1", LIMIT, false);
    Thread writer = new Thread(() -> world.azure.workload().write(RG, "web-01", "os", 0, block(5)));
    writer.start();

    await(() -> writer.getState() == Thread.State.TIMED_WAITING);
    assertThat(world.azure.storage().readBlock(CALLER, vm.osDisk().vhd(), 0))
        .isEqualTo(new byte[SimTestWorld.BLOCK_SIZE]);
    WriteHold released = world.azure.workload().releaseWrites(CALLER, RG, "web-01", "h1");
    writer.join();

    assertThat(released.state()).isEqualTo(WriteHold.State.Released);
    assertThat(world.azure.storage().readBlock(CALLER, vm.osDisk().vhd(), 0)).isEqualTo(block(5));
  }

  @Test
  void aHoldNobodyReleasesExpiresAndTheGuestWritesAgain() {
    world.azure.workload().holdWrites(CALLER, RG, "web-01", "h1", Duration.ofMillis(50), false);

    // Waits for the hold's limit at most: a caller that died does not freeze the guest.
    world.azure.workload().write(RG, "web-01", "os", 0, block(5));

    assertThat(world.azure.workload().writeHold(RG, "web-01", "h1"))
        .hasValueSatisfying(hold -> assertThat(hold.state()).isEqualTo(WriteHold.State.Expired));
    assertThat(world.azure.workload().releaseWrites(CALLER, RG, "web-01", "h1").state())
        .isEqualTo(WriteHold.State.Expired);
    assertThat(world.azure.storage().readBlock(CALLER, vm.osDisk().vhd(), 0)).isEqualTo(block(5));
  }

  @Test
  void theAgentRemembersTheNewestHoldsOfAVm() {
    for (int i = 0; i <= SimGuestWorkload.HOLDS_REMEMBERED; i++) {
      world.azure.workload().holdWrites(CALLER, RG, "web-01", "h" + i, LIMIT, false);
      world.azure.workload().releaseWrites(CALLER, RG, "web-01", "h" + i);
    }

    assertThat(world.azure.workload().writeHold(RG, "web-01", "h0")).isEmpty();
    assertThat(world.azure.workload().writeHold(RG, "web-01", "h1")).isPresent();
    assertThat(
            world.azure.workload().writeHold(RG, "web-01", "h" + SimGuestWorkload.HOLDS_REMEMBERED))
        .hasValueSatisfying(hold -> assertThat(hold.state()).isEqualTo(WriteHold.State.Released));
  }

  @Test
  void churnWritesNothingWhileHeld() throws InterruptedException {
    world.azure.workload().startChurn(RG, "web-01", ONE_MB);
    await(() -> world.azure.workload().churn(RG, "web-01").orElseThrow().blocksWritten() > 0);
    world.azure.workload().holdWrites(CALLER, RG, "web-01", "h1", LIMIT, false);

    // Once the churn's thread waits, nothing more lands until the release.
    await(() -> churnThread().getState() == Thread.State.TIMED_WAITING);
    String held = world.azure.exportState();
    long written = world.azure.workload().churn(RG, "web-01").orElseThrow().blocksWritten();
    await(() -> churnThread().getState() == Thread.State.TIMED_WAITING);
    assertThat(world.azure.exportState()).isEqualTo(held);
    assertThat(world.azure.workload().churn(RG, "web-01").orElseThrow().blocksWritten())
        .isEqualTo(written);
    world.azure.workload().releaseWrites(CALLER, RG, "web-01", "h1");
    await(() -> world.azure.workload().churn(RG, "web-01").orElseThrow().blocksWritten() > written);
    world.azure.workload().stopChurn(RG, "web-01");
  }

  private static Thread churnThread() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(thread -> thread.getName().equals("churn-" + RG + "-web-01"))
        .findFirst()
        .orElseThrow();
  }

  private static boolean churnThreadsAlive() {
    return Thread.getAllStackTraces().keySet().stream()
        .anyMatch(thread -> thread.getName().equals("churn-" + RG + "-web-01") && thread.isAlive());
  }

  private static void await(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("awaited condition").isLessThan(deadline);
      Thread.sleep(10);
    }
  }

  private static void assertCode(Runnable call, AzureErrorCode code) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(AzureException.class, e -> assertThat(e.code()).isEqualTo(code));
  }
}
