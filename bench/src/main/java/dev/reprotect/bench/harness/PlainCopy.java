package dev.reprotect.bench.harness;

import dev.reprotect.azure.AzureBackend;
import dev.reprotect.azure.BlobRef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * The baseline of the data path: the disk's allocated blocks read from the same store and written,
 * one after another, to a plain file. No hash, no comparison, nothing across regions.
 */
final class PlainCopy {
  private PlainCopy() {}

  /** Nanoseconds to copy {@code blocks} of {@code disk}. */
  static long nanos(AzureBackend azure, BlobRef disk, List<Long> blocks) {
    try {
      Path file = Files.createTempFile("reprotect-bench-copy-", ".img");
      try (FileChannel out = FileChannel.open(file, StandardOpenOption.WRITE)) {
        long start = System.nanoTime();
        for (long index : blocks) {
          ByteBuffer bytes =
              ByteBuffer.wrap(azure.storage().readBlock(BenchWorld.BENCH, disk, index));
          while (bytes.hasRemaining()) {
            out.write(bytes);
          }
        }
        return System.nanoTime() - start;
      } finally {
        Files.delete(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
