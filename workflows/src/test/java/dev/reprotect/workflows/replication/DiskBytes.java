package dev.reprotect.workflows.replication;

import dev.reprotect.azure.BlobRef;
import dev.reprotect.azure.Caller;
import dev.reprotect.azure.StorageApi;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * What a blob holds, as the test reads it back block by block: the tests judge the backend's
 * checksums and diffs against these, never against the backend's own word.
 */
public final class DiskBytes {
  /** Reads done by the test itself, metered apart from any job's. */
  private static final Caller READER = Caller.of("diskBytes");

  private DiskBytes() {}

  /** The indexes of the blocks whose bytes differ between two blobs of the same size. */
  static List<Long> differingBlocks(StorageApi storage, BlobRef a, BlobRef b) {
    long blocks = blocks(storage, a);
    if (blocks != blocks(storage, b)) {
      throw new AssertionError(a + " and " + b + " differ in size");
    }
    List<Long> differing = new ArrayList<>();
    for (long index = 0; index < blocks; index++) {
      if (!Arrays.equals(
          storage.readBlock(READER, a, index), storage.readBlock(READER, b, index))) {
        differing.add(index);
      }
    }
    return differing;
  }

  /**
   * The checksum {@link StorageApi#checksum} documents, recomputed from the bytes read back:
   * SHA-256 over "size N\n", then for each non-zero block its index, a space, the hex SHA-256 of
   * its bytes and a newline.
   */
  public static String checksum(StorageApi storage, BlobRef ref) {
    MessageDigest digest = sha256();
    long size = storage.blob(ref).orElseThrow().sizeBytes();
    digest.update(("size " + size + "\n").getBytes(StandardCharsets.US_ASCII));
    for (long index = 0; index < blocks(storage, ref); index++) {
      byte[] bytes = storage.readBlock(READER, ref, index);
      if (!isZero(bytes)) {
        String hash = HexFormat.of().formatHex(sha256().digest(bytes));
        digest.update((index + " " + hash + "\n").getBytes(StandardCharsets.US_ASCII));
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /** The number of non-zero blocks of a blob. */
  static long allocatedBlocks(StorageApi storage, BlobRef ref) {
    long allocated = 0;
    for (long index = 0; index < blocks(storage, ref); index++) {
      if (!isZero(storage.readBlock(READER, ref, index))) {
        allocated++;
      }
    }
    return allocated;
  }

  public static boolean holds(StorageApi storage, BlobRef ref, long block, byte[] data) {
    return Arrays.equals(storage.readBlock(READER, ref, block), data);
  }

  /** A block that no other tag gives and that no seeded block holds: the tag, repeated. */
  public static byte[] pattern(int blockSize, int tag) {
    ByteBuffer block = ByteBuffer.allocate(blockSize);
    while (block.hasRemaining()) {
      block.putInt(0x7E570000 + tag);
    }
    return block.array();
  }

  private static long blocks(StorageApi storage, BlobRef ref) {
    return storage.blob(ref).orElseThrow().sizeBytes() / storage.blockSize();
  }

  private static boolean isZero(byte[] bytes) {
    for (byte b : bytes) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
