package dev.reprotect.azure.sim;

import dev.reprotect.azure.ActivityLogEntry;
import dev.reprotect.azure.BlobRef;
import dev.reprotect.azure.BlockHash;
import dev.reprotect.azure.Caller;
import dev.reprotect.azure.PowerState;
import dev.reprotect.azure.ResourceGroup;
import dev.reprotect.azure.StorageAccount;
import dev.reprotect.azure.VirtualMachine;
import dev.reprotect.azure.VmDisk;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * A small simulated cloud for the tests: two regions, 4 KiB blocks, block files under a test's
 * temporary directory, and shortcuts for the resources most tests need.
 */
final class SimTestWorld implements AutoCloseable {
  static final String EAST = "eastasia";
  static final String SOUTHEAST = "southeastasia";
  static final int BLOCK_SIZE = 4096;
  static final Caller CALLER = Caller.of("test-caller");
  static final String CONTAINER = "vhds";

  final Path dataDir;
  final SimulatedAzure azure;

  private SimTestWorld(Path dataDir) {
    this.dataDir = dataDir;
    this.azure =
        SimulatedAzure.inDirectory(dataDir, BLOCK_SIZE).withRegion(EAST).withRegion(SOUTHEAST);
  }

  /** A fresh world whose blocks live under {@code dataDir}. */
  static SimTestWorld in(Path dataDir) {
    return new SimTestWorld(dataDir);
  }

  @Override
  public void close() {
    azure.close();
  }

  /** The resource group every helper-made resource of a region lives in. */
  static String groupOf(String region) {
    return "rg-" + region;
  }

  ResourceGroup group(String region) {
    return azure
        .resources()
        .createResourceGroup(CALLER, new ResourceGroup(groupOf(region), region));
  }

  /** A storage account (and its resource group) in a region. */
  StorageAccount account(String name, String region) {
    group(region);
    return azure
        .storage()
        .createStorageAccount(
            CALLER,
            new StorageAccount(name, groupOf(region), region, StorageAccount.KIND, Map.of()));
  }

  /** An empty page blob of {@code blocks} blocks in an existing account. */
  /**
   * Two empty blobs of {@code blocks} blocks across the region pair: the first in an account of
   * East Asia, the second in one of Southeast Asia.
   */
  List<BlobRef> crossRegionPair(String eastBlob, String southeastBlob, long blocks) {
    account("steast", EAST);
    account("stsoutheast", SOUTHEAST);
    return List.of(blob("steast", eastBlob, blocks), blob("stsoutheast", southeastBlob, blocks));
  }

  BlobRef blob(String account, String name, long blocks) {
    BlobRef ref = new BlobRef(account, CONTAINER, name);
    azure.storage().createPageBlob(CALLER, ref, blocks * BLOCK_SIZE);
    return ref;
  }

  void write(BlobRef ref, long index, byte[] data) {
    azure.storage().writeBlock(CALLER, ref, index, data);
  }

  /** Writes {@code block(index)} at each index: distinct blocks, the same on every blob. */
  void writeDistinct(BlobRef ref, long... indices) {
    for (long index : indices) {
      write(ref, index, block(index));
    }
  }

  /** A running VM whose disks are the given (existing) blobs: the first is the OS disk. */
  VirtualMachine vm(String region, String name, List<BlobRef> disks) {
    group(region);
    List<VmDisk> data = new ArrayList<>();
    for (int lun = 0; lun < disks.size() - 1; lun++) {
      data.add(new VmDisk(name + "-data" + lun, lun, disks.get(lun + 1)));
    }
    return new VirtualMachine(
        groupOf(region),
        name,
        region,
        PowerState.Running,
        new VmDisk(name + "-os", null, disks.get(0)),
        data,
        null,
        null);
  }

  /**
   * A running VM created in eastasia (account {@code steast}) with {@code disks} empty disks of
   * {@code blocks} blocks each: the OS disk, then data disks lun0, lun1...
   */
  VirtualMachine createdVm(String name, int disks, long blocks) {
    account("steast", EAST);
    List<BlobRef> blobs = new ArrayList<>();
    for (int i = 0; i < disks; i++) {
      blobs.add(blob("steast", name + "-disk" + i + ".vhd", blocks));
    }
    return azure.compute().createVirtualMachine(CALLER, vm(EAST, name, blobs));
  }

  /** The indices of the blob's allocated blocks, asked of the blob's own region (unmetered). */
  TreeSet<Long> allocated(BlobRef ref) {
    String region = azure.storage().blob(ref).orElseThrow().location();
    TreeSet<Long> indices = new TreeSet<>();
    for (BlockHash hash :
        azure.storage().blockHashes(CALLER, ref, 0, Long.MAX_VALUE, region).entries()) {
      indices.add(hash.index());
    }
    return indices;
  }

  List<ActivityLogEntry> log() {
    return azure.metering().activityLog();
  }

  /** The file a region's store keeps a block in: named by the SHA-256 of the bytes written. */
  Path blockFile(String region, byte[] written) {
    String name = BlockStore.sha256(written);
    return dataDir.resolve(region).resolve(name.substring(0, 2)).resolve(name);
  }

  /**
   * Damages a stored block at rest, behind the metadata: flips one bit of its file in the region's
   * data dir. Returns the bytes the file holds now.
   */
  byte[] flipBitAtRest(String region, byte[] written, int bit) {
    byte[] damaged = flipBit(written, bit);
    try {
      Files.write(blockFile(region, written), damaged);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return damaged;
  }

  static byte[] flipBit(byte[] data, int bit) {
    byte[] flipped = data.clone();
    flipped[bit / Byte.SIZE] ^= (byte) (1 << (bit % Byte.SIZE));
    return flipped;
  }

  /** The regular files under the data dir of a region (its block store). */
  long filesIn(String region) {
    return filesUnder(dataDir.resolve(region));
  }

  /** The regular files anywhere under the data dir. */
  long allFiles() {
    return filesUnder(dataDir);
  }

  static long filesUnder(Path dir) {
    if (!Files.exists(dir)) {
      return 0;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      return paths.filter(Files::isRegularFile).count();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A block of pseudo-random bytes, the same for the same seed, never all zeros. */
  static byte[] block(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    ByteBuffer buffer = ByteBuffer.allocate(BLOCK_SIZE);
    while (buffer.hasRemaining()) {
      buffer.putLong(random.nextLong() | 1L);
    }
    return buffer.array();
  }

  static byte[] zeros() {
    return new byte[BLOCK_SIZE];
  }
}
