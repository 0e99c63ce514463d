package dev.reprotect.azure.sim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The block storage of one region: immutable blocks in files named by the SHA-256 of the bytes
 * written, so a block is stored once however many blobs share it. The name is where a block is
 * kept, not proof of what the file holds now: hashes and checksums are computed from the bytes
 * read. The bytes live on disk, not on the Java heap.
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

  /**
   * Stores a block and returns its hash; written aside and moved in, never seen half-written. A
   * file of that name already there is kept only if it holds these bytes: one damaged at rest is
   * replaced, not trusted by its name.
   */
  String put(byte[] data) {
    String hash = sha256(data);
    Path file = fileOf(hash);
    try {
      if (Files.exists(file) && Arrays.equals(Files.readAllBytes(file), data)) {
        return hash;
      }
      Files.createDirectories(file.getParent());
      Path temp = directory.resolve("tmp-" + tempCounter.incrementAndGet());
      Files.write(temp, data);
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return hash;
  }

  byte[] get(String hash) {
    try {
      return Files.readAllBytes(fileOf(hash));
    } catch (IOException e) {
      throw new UncheckedIOException("block " + hash + " is missing from " + directory, e);
    }
  }

  /** Flips the first bit of a stored block's file in place: its name no longer tells its bytes. */
  void damage(String hash) {
    byte[] bytes = get(hash);
    bytes[0] ^= 1;
    try {
      Files.write(fileOf(hash), bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Path fileOf(String hash) {
    return directory.resolve(hash.substring(0, 2)).resolve(hash);
  }

  static String sha256(byte[] data) {
    return HEX.formatHex(newSha256().digest(data));
  }

  static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
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
