package dev.reprotect.azure.sim;

import static dev.reprotect.azure.sim.SimTestWorld.CALLER;
import static dev.reprotect.azure.sim.SimTestWorld.EAST;
import static dev.reprotect.azure.sim.SimTestWorld.block;
import static dev.reprotect.azure.sim.SimTestWorld.groupOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reprotect.azure.ActivityLogEntry;
import dev.reprotect.azure.AzureErrorCode;
import dev.reprotect.azure.AzureException;
import dev.reprotect.azure.CutDisk;
import dev.reprotect.azure.VirtualMachine;
import dev.reprotect.azure.VmCut;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cuts: every disk of a VM at one instant, sharing the disks' blocks. */
class CutTest {
  private static final String RG = groupOf(EAST);

  @TempDir Path dataDir;
  private SimTestWorld world;
  private VirtualMachine vm;

  @BeforeEach
  void setUp() {
    world = SimTestWorld.in(dataDir);
    vm = world.createdVm("web-01", 2, 8);
  }

  @AfterEach
  void tearDown() {
    world.close();
  }

  @Test
  void aCutNeverHoldsTheSecondDisksWriteWithoutTheFirsts() throws Exception {
    AtomicBoolean done = new AtomicBoolean();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    // The guest writes generation g to the OS disk, then to the data disk: a cut that holds g on
    // the data disk must hold g (or later) on the OS disk.
    Thread writer = new Thread(() -> {
      try {
        for (long generation = 1; !done.get(); generation++) {
          world.azure.workload().write(RG, "web-01", "os", 0, generationBlock(generation));
          world.azure.workload().write(RG, "web-01", "lun0", 0, generationBlock(generation));
        }
      } catch (Throwable t) {
        failure.set(t);
      }
    });
    writer.start();
    try {
      for (int i = 0; i < 300; i++) {
        VmCut cut = world.azure.compute().createCut(CALLER, RG, "web-01", "c" + i);
        long os = generationOf(cut.disk("os"));
        long data = generationOf(cut.disk("lun0"));
        assertThat(os).as("cut %d", i).isGreaterThanOrEqualTo(data);
        world.azure.compute().deleteCut(CALLER, RG, "web-01", "c" + i);
      }
    } finally {
      done.set(true);
      writer.join();
    }
    assertThat(failure.get()).isNull();
  }

  @Test
  void aCutSharesTheDisksBlocksAndCopiesNoBytes() {
    world.writeDistinct(vm.osDisk().vhd(), 0, 3, 7);
    world.writeDistinct(vm.dataDisks().get(0).vhd(), 1);
    long files = world.allFiles();

    VmCut cut = world.azure.compute().createCut(CALLER, RG, "web-01", "cut-1");

    assertThat(world.allFiles()).isEqualTo(files);
    assertThat(cut.disks()).extracting(CutDisk::slot).containsExactly("os", "lun0");
    assertThat(cut.disk("os").snapshot().container()).isEqualTo(SimCuts.CONTAINER);
    assertThat(cut.disk("os").snapshot().blob()).isEqualTo("web-01.cut-1.os.vhd");
    assertThat(cut.disk("os").sizeBytes()).isEqualTo(8L * SimTestWorld.BLOCK_SIZE);
    assertThat(world.azure.storage().checksum(CALLER, cut.disk("os").snapshot()))
        .isEqualTo(world.azure.storage().checksum(CALLER, vm.osDisk().vhd()));
    assertThat(world.allocated(cut.disk("lun0").snapshot())).containsExactly(1L);
  }

  @Test
  void laterWritesLeaveTheCutAsItWas() {
    world.writeDistinct(vm.osDisk().vhd(), 0);
    VmCut cut = world.azure.compute().createCut(CALLER, RG, "web-01", "cut-1");

    world.azure.workload().write(RG, "web-01", "os", 0, block(99));

    assertThat(world.azure.storage().readBlock(CALLER, cut.disk("os").snapshot(), 0))
        .isEqualTo(block(0));
  }

  @Test
  void theSameCutIdReturnsTheCutAndDeleteRemovesItsBlobsOnce() {
    VmCut cut = world.azure.compute().createCut(CALLER, RG, "web-01", "cut-1");
    world.writeDistinct(vm.osDisk().vhd(), 2);

    assertThat(world.azure.compute().createCut(CALLER, RG, "web-01", "cut-1")).isEqualTo(cut);
    assertThat(world.azure.compute().cut(RG, "web-01", "cut-1")).contains(cut);
    VmCut second = world.azure.compute().createCut(CALLER, RG, "web-01", "cut-2");
    assertThat(world.azure.compute().cuts(RG, "web-01")).containsExactly(cut, second);

    world.azure.compute().deleteCut(CALLER, RG, "web-01", "cut-1");
    world.azure.compute().deleteCut(CALLER, RG, "web-01", "cut-1");

    assertThat(world.azure.compute().cuts(RG, "web-01")).containsExactly(second);
    assertThat(cut.disks()).allSatisfy(disk ->
        assertThat(world.azure.storage().blob(disk.snapshot())).isEmpty());
    assertThat(world.log()).extracting(ActivityLogEntry::operation)
        .containsOnlyOnce("Microsoft.Compute/virtualMachines/cuts/delete")
        .filteredOn(op -> op.endsWith("cuts/write")).hasSize(2);
  }

  @Test
  void aCutOfAMissingVmIsNotFoundAndABadIdIsRefused() {
    assertCode(() -> world.azure.compute().createCut(CALLER, RG, "web-02", "cut-1"),
        AzureErrorCode.ResourceNotFound);
    assertCode(() -> world.azure.compute().createCut(CALLER, RG, "web-01", "a/b"),
        AzureErrorCode.InvalidResourceName);
    assertCode(() -> world.azure.compute().createCut(CALLER, RG, "web-01", "x".repeat(64)),
        AzureErrorCode.InvalidResourceName);
  }

  private long generationOf(CutDisk disk) {
    return ByteBuffer.wrap(world.azure.storage().readBlock(CALLER, disk.snapshot(), 0)).getLong();
  }

  /** A block that reads back as its generation: 0 is the unwritten block of zeros. */
  private static byte[] generationBlock(long generation) {
    return ByteBuffer.allocate(SimTestWorld.BLOCK_SIZE).putLong(generation).array();
  }

  private static void assertCode(Runnable call, AzureErrorCode code) {
    assertThatThrownBy(call::run).isInstanceOfSatisfying(AzureException.class,
        e -> assertThat(e.code()).isEqualTo(code));
  }
}
