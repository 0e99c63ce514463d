package dev.reprotect.bench;

import dev.reprotect.azure.BlockHash;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The sync's block hash against a memory copy of the same bytes, one simulator block (1 MiB) per
 * operation: the hash is worth its place only if it keeps up with memory, far above any disk.
 * SHA-256 (the disk checksum's, and the simulator's block-file names) is there for scale. With one
 * block, every operation finds its bytes in the core's cache; with 1,024 blocks (the 1 GiB disk of
 * item 2), each operation takes the next block from memory, as a sync reading a disk does.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class BlockHashBenchmark {
  private static final int BLOCK_BYTES = 1 << 20;

  @Param({"1", "1024"})
  public int blocks;

  private byte[][] disk;
  private int next;
  private byte[] copy;
  private MessageDigest sha256;

  @Setup
  public void fillDisk() throws NoSuchAlgorithmException {
    SplittableRandom random = new SplittableRandom(1);
    disk = new byte[blocks][BLOCK_BYTES];
    for (byte[] block : disk) {
      random.nextBytes(block);
    }
    copy = new byte[BLOCK_BYTES];
    sha256 = MessageDigest.getInstance("SHA-256");
  }

  private byte[] nextBlock() {
    byte[] block = disk[next];
    next = (next + 1) % blocks;
    return block;
  }

  /** What the sync computes for every allocated block, on each side. */
  @Benchmark
  public String blockHashXxh3() {
    return BlockHash.of(nextBlock());
  }

  @Benchmark
  public byte[] memoryCopy() {
    System.arraycopy(nextBlock(), 0, copy, 0, BLOCK_BYTES);
    return copy;
  }

  @Benchmark
  public byte[] sha256() {
    return sha256.digest(nextBlock());
  }
}
