package dev.reprotect.azure.sim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The block storage of one region: immutable blocks in files named by their SHA-256, so a block
 * is stored once however many blobs share it, and its hash is computed once, where it is written.
 * The bytes live on disk, not on the Java heap.
 */
final class BlockStore {
  private static final HexFormat HEX = HexFormat.of();

  private final Path directory;
  private final AtomicLong tempCounter = new AtomicLong();

  BlockStore(Path directory) {
    this.directory = directory;
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Stores a block and returns its hash. */
  String put(byte[] data) {
    String hash = sha256(data);
    store(hash, temp -> Files.write(temp, data));
    return hash;
  }

  /** Copies a block from another region's store: the bytes are written anew here. */
  void copyFrom(BlockStore other, String hash) {
    store(hash, temp -> Files.copy(other.fileOf(hash), temp, StandardCopyOption.REPLACE_EXISTING));
  }

  private interface BlockWriter {
    void writeTo(Path temp) throws IOException;
  }

  /** Stores a block unless the region has it; written aside and moved in, never seen half-written. */
  private void store(String hash, BlockWriter writer) {
    Path file = fileOf(hash);
    if (Files.exists(file)) {
      return;
    }
    try {
      Files.createDirectories(file.getParent());
      Path temp = directory.resolve("tmp-" + tempCounter.incrementAndGet());
      writer.writeTo(temp);
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  byte[] get(String hash) {
    try {
      return Files.readAllBytes(fileOf(hash));
    } catch (IOException e) {
      throw new UncheckedIOException("block " + hash + " is missing from " + directory, e);
    }
  }

  private Path fileOf(String hash) {
    return directory.resolve(hash.substring(0, 2)).resolve(hash);
  }

  static String sha256(byte[] data) {
    try {
      return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  static boolean isZero(byte[] data) {
    for (byte b : data) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }
}
