package dev.reprotect.bench.harness;

import dev.reprotect.azure.BlobRef;
import dev.reprotect.azure.Caller;
import dev.reprotect.azure.VirtualMachine;
import dev.reprotect.azure.sim.LatencyModel;
import dev.reprotect.azure.sim.Scenario;
import dev.reprotect.azure.sim.ScenarioSeeder;
import dev.reprotect.azure.sim.SimulatedAzure;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The simulated Azure of a benchmark, in a temporary directory: items of one disk each, whose
 * blocks are written here rather than by the demo's scenario, so that a disk can be 1 TiB with 64
 * MiB written, and the blocks that differ are known exactly.
 */
public final class BenchWorld implements AutoCloseable {
  static final Caller BENCH = Caller.of("bench");
  static final String SOURCE_REGION = "southeastasia";
  static final String TARGET_REGION = "eastasia";

  /** A small write: a few sectors of a block, as a database's log or a file's metadata write. */
  private static final int SMALL_WRITE_BYTES = 4096;

  private final SimulatedAzure azure;

  public BenchWorld(LatencyModel latency) {
    azure =
        SimulatedAzure.inTemporaryDirectory(SimulatedAzure.DEFAULT_BLOCK_SIZE)
            .withRegion(SOURCE_REGION)
            .withRegion(TARGET_REGION)
            .withLatency(latency);
  }

  public SimulatedAzure azure() {
    return azure;
  }

  /** One failed-over VM, its item, and its disk as {@code disk} says. */
  public BenchItem addItem(String vault, String vm, BenchDisk disk) {
    return addItem(vault, vm, disk, disk.sizeBytes());
  }

  /** The same, with the written blocks spread over the first {@code dataSpanBytes} only. */
  public BenchItem addItem(String vault, String vm, BenchDisk disk, long dataSpanBytes) {
    Scenario scenario =
        Scenario.builder()
            .vault(vault)
            .vm(vm)
            .regions(SOURCE_REGION, TARGET_REGION)
            .dataDisks(0)
            .diskSizeBytes(disk.sizeBytes())
            .allocatedPercent(0)
            .changedPercent(0)
            .targetVm(disk.seeded() ? Scenario.TargetVm.Stopped : Scenario.TargetVm.Deleted)
            .build();
    new ScenarioSeeder(azure).seed(scenario);
    BlobRef source = osDisk(vm, SOURCE_REGION);
    BlobRef stale = disk.seeded() ? osDisk(vm, TARGET_REGION) : null;
    return new BenchItem(
        vault,
        vm,
        source,
        write(
            disk, dataSpanBytes / blockSize(), source, stale, new SplittableRandom(vm.hashCode())));
  }

  /** Writes {@code blocks} blocks of new bytes to the disk, spread evenly over it. */
  public void rewrite(BlobRef disk, long blocks, long seed) {
    long total = azure.storage().blob(disk).orElseThrow().sizeBytes() / blockSize();
    SplittableRandom random = new SplittableRandom(seed);
    for (long i = 0; i < blocks; i++) {
      azure.storage().writeBlock(BENCH, disk, spread(i, blocks, total), block(random));
    }
  }

  /**
   * A small write into each of {@code blocks}: the rest of each block keeps its bytes, so only
   * whole-block rounding makes the replica receive more than was written.
   */
  public void writeSmall(BlobRef disk, List<Long> blocks, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    for (long index : blocks) {
      byte[] bytes = azure.storage().readBlock(BENCH, disk, index);
      int offset = random.nextInt(blockSize() / SMALL_WRITE_BYTES) * SMALL_WRITE_BYTES;
      for (int i = offset; i < offset + SMALL_WRITE_BYTES; i++) {
        bytes[i] = (byte) ~bytes[i];
      }
      azure.storage().writeBlock(BENCH, disk, index, bytes);
    }
  }

  /** The stale target-side disk of a seeded item, while its VM is not deleted yet. */
  public BlobRef staleDisk(String vm) {
    return osDisk(vm, TARGET_REGION);
  }

  /**
   * The original bytes on both sides, then the changed blocks rewritten on the source only; the
   * stale side also keeps the few blocks the seeder gave it alone, which the sync clears.
   */
  private List<Long> write(
      BenchDisk disk, long total, BlobRef source, BlobRef stale, SplittableRandom random) {
    List<Long> written = new ArrayList<>();
    long everyChanged =
        disk.changedBlocks() == 0 ? Long.MAX_VALUE : disk.writtenBlocks() / disk.changedBlocks();
    long changed = 0;
    for (long i = 0; i < disk.writtenBlocks(); i++) {
      long index = spread(i, disk.writtenBlocks(), total);
      written.add(index);
      byte[] original = block(random);
      if (stale != null) {
        azure.storage().writeBlock(BENCH, stale, index, original);
      }
      boolean rewritten = changed < disk.changedBlocks() && i % everyChanged == 0;
      azure.storage().writeBlock(BENCH, source, index, rewritten ? block(random) : original);
      if (rewritten) {
        changed++;
      }
    }
    return written;
  }

  private static long spread(long i, long count, long total) {
    return i * (total / count);
  }

  private byte[] block(SplittableRandom random) {
    byte[] bytes = new byte[blockSize()];
    random.nextBytes(bytes);
    return bytes;
  }

  public int blockSize() {
    return azure.storage().blockSize();
  }

  private BlobRef osDisk(String vm, String region) {
    VirtualMachine machine =
        azure
            .compute()
            .virtualMachine(ScenarioSeeder.resourceGroupName(vm, region), vm)
            .orElseThrow(() -> new IllegalStateException("the seeder made no VM " + vm));
    return machine.osDisk().vhd();
  }

  @Override
  public void close() {
    azure.close();
  }
}
