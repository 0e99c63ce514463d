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
import dev.reprotect.azure.Cuts;
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

/**
 * Cuts: every disk of a VM snapshotted while its guest agent holds the writes, so they show one
 * instant, sharing the disks' blocks.
 */
class CutTest {
  private static final String RG = groupOf(EAST);

  @TempDir Path dataDir;
  private SimTestWorld world;
  private Cuts cuts;
  private VirtualMachine vm;

  @BeforeEach
  void setUp() {
    world = SimTestWorld.in(dataDir);
    cuts = new Cuts(world.azure);
    vm = world.createdVm("web-01", 2, 8);
  }

  @AfterEach
  void tearDown() {
    world.close();
  }

  @Test
  void aCutTakenWhileTheGuestWritesShowsOneInstantOfEveryDisk() throws Exception {
    AtomicBoolean done = new AtomicBoolean();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    // The guest writes generation g to the OS disk, then to the data disk. A cut shows one instant
    // of that sequence: the data disk at g, the OS disk at g or g + 1. Snapshots taken one after
    // the other without a hold would let the data disk run ahead of the OS disk.
    Thread writer =
        new Thread(
            () -> {
              try {
                for (long generation = 1; !done.get(); generation++) {
                  world.azure.workload().write(RG, "web-01", "os", 0, generationBlock(generation));
                  world
                      .azure
                      .workload()
                      .write(RG, "web-01", "lun0", 0, generationBlock(generation));
                }
              } catch (Throwable t) {
                failure.set(t);
              }
            });
    writer.start();
    try {
      for (int i = 0; i < 300; i++) {
        VmCut cut = cuts.take(CALLER, RG, "web-01", "c" + i, false);
        long os = generationOf(cut.disk("os"));
        long data = generationOf(cut.disk("lun0"));
        assertThat(os - data).as("cut %d: os %d, data %d", i, os, data).isBetween(0L, 1L);
        cuts.delete(CALLER, RG, "web-01", "c" + i);
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

    VmCut cut = cuts.take(CALLER, RG, "web-01", "cut-1", false);

    assertThat(world.allFiles()).isEqualTo(files);
    assertThat(cut.disks()).extracting(CutDisk::slot).containsExactly("os", "lun0");
    assertThat(cut.disk("os").snapshot().container()).isEqualTo(Cuts.CONTAINER);
    assertThat(cut.disk("os").snapshot().blob()).isEqualTo("web-01.cut-1.os.vhd");
    assertThat(cut.disk("os").sizeBytes()).isEqualTo(8L * SimTestWorld.BLOCK_SIZE);
    assertThat(world.azure.storage().checksum(CALLER, cut.disk("os").snapshot()))
        .isEqualTo(world.azure.storage().checksum(CALLER, vm.osDisk().vhd()));
    assertThat(world.allocated(cut.disk("lun0").snapshot())).containsExactly(1L);
  }

  @Test
  void laterWritesLeaveTheCutAsItWas() {
    world.writeDistinct(vm.osDisk().vhd(), 0);
    VmCut cut = cuts.take(CALLER, RG, "web-01", "cut-1", false);

    world.azure.workload().write(RG, "web-01", "os", 0, block(99));

    assertThat(world.azure.storage().readBlock(CALLER, cut.disk("os").snapshot(), 0))
        .isEqualTo(block(0));
  }

  @Test
  void theSameCutIdReturnsTheCutAndDeleteRemovesItsBlobsOnce() {
    VmCut cut = cuts.take(CALLER, RG, "web-01", "cut-1", false);
    world.writeDistinct(vm.osDisk().vhd(), 2);

    assertThat(cuts.take(CALLER, RG, "web-01", "cut-1", false)).isEqualTo(cut);
    assertThat(cuts.find(RG, "web-01", "cut-1")).contains(cut);
    VmCut second = cuts.take(CALLER, RG, "web-01", "cut-2", false);
    assertThat(cuts.list(RG, "web-01")).containsExactly(cut, second);

    cuts.delete(CALLER, RG, "web-01", "cut-1");
    cuts.delete(CALLER, RG, "web-01", "cut-1");

    assertThat(cuts.list(RG, "web-01")).containsExactly(second);
    assertThat(cut.disks())
        .allSatisfy(disk -> assertThat(world.azure.storage().blob(disk.snapshot())).isEmpty());
    // A snapshot per disk under one hold per cut; the deletes of the first cut's snapshots once.
    assertThat(world.log())
        .extracting(ActivityLogEntry::operation)
        .filteredOn(op -> op.endsWith("blobs/snapshot"))
        .hasSize(4);
    assertThat(world.log())
        .extracting(ActivityLogEntry::operation)
        .filteredOn(op -> op.endsWith("writeHolds/write"))
        .hasSize(2);
    assertThat(world.log())
        .filteredOn(entry -> entry.operation().endsWith("blobs/delete"))
        .extracting(ActivityLogEntry::resourceId)
        .doesNotHaveDuplicates()
        .hasSize(2);
  }

  @Test
  void aCutOfAMissingVmIsNotFoundAndABadIdIsRefused() {
    assertCode(
        () -> cuts.take(CALLER, RG, "web-02", "cut-1", false), AzureErrorCode.ResourceNotFound);
    assertCode(
        () -> cuts.take(CALLER, RG, "web-01", "a/b", false), AzureErrorCode.InvalidResourceName);
    assertCode(
        () -> cuts.take(CALLER, RG, "web-01", "x".repeat(64), false),
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
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(AzureException.class, e -> assertThat(e.code()).isEqualTo(code));
  }
}
