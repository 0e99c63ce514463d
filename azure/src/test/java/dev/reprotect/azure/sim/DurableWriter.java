package dev.reprotect.azure.sim;

import dev.reprotect.azure.BlobRef;
import dev.reprotect.azure.Caller;
import dev.reprotect.azure.ResourceGroup;
import dev.reprotect.azure.StorageAccount;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Map;

/**
 * The process that {@link DurableSimulatorTest} kills: it writes blocks into a durable simulator as
 * fast as it can and prints "ack N" once the write of block N has returned.
 */
public final class DurableWriter {
  static final int BLOCK_SIZE = 4096;
  static final long BLOCKS = 100_000;
  static final String REGION = "eastasia";
  static final BlobRef BLOB = new BlobRef("stcrash", "vhds", "disk.vhd");

  private DurableWriter() {}

  public static void main(String[] args) {
    Caller caller = Caller.of("durable-writer");
    SimulatedAzure azure = SimulatedAzure.durable(Path.of(args[0]), BLOCK_SIZE).withRegion(REGION);
    azure.resources().createResourceGroup(caller, new ResourceGroup("rg-crash", REGION));
    azure
        .storage()
        .createStorageAccount(
            caller,
            new StorageAccount("stcrash", "rg-crash", REGION, StorageAccount.KIND, Map.of()));
    if (azure.storage().blob(BLOB).isEmpty()) {
      azure.storage().createPageBlob(caller, BLOB, BLOCKS * BLOCK_SIZE);
    }
    for (long index = 0; index < BLOCKS; index++) {
      azure.storage().writeBlock(caller, BLOB, index, contentOf(index));
      System.out.println("ack " + index);
      System.out.flush();
    }
  }

  /** What block {@code index} holds once written: derived from its index, never zeros. */
  static byte[] contentOf(long index) {
    ByteBuffer block = ByteBuffer.allocate(BLOCK_SIZE);
    while (block.hasRemaining()) {
      block.putLong(index * 0x9E3779B97F4A7C15L + block.position() + 1);
    }
    return block.array();
  }
}
