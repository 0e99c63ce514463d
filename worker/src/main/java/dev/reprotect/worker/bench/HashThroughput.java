package dev.reprotect.worker.bench;

import dev.reprotect.azure.BlockHash;
import java.util.SplittableRandom;

/**
 * The sync's block hash against a memory copy of the same block, in this process: a short,
 * coarse version of the bench module's JMH benchmark, for the quick run. Each is timed over
 * several rounds, alternately, and its best round counts (the machine is shared).
 */
final class HashThroughput {
  private static final int BLOCK_BYTES = 1 << 20;
  private static final int BLOCKS_PER_ROUND = 256;
  private static final int ROUNDS = 6;

  private HashThroughput() {}

  /** Bytes hashed per second over bytes copied per second. */
  static double hashOverMemoryCopy() {
    byte[] block = new byte[BLOCK_BYTES];
    new SplittableRandom(1).nextBytes(block);
    byte[] copy = new byte[BLOCK_BYTES];
    long bestHash = Long.MAX_VALUE;
    long bestCopy = Long.MAX_VALUE;
    int sink = 0;
    for (int round = 0; round < ROUNDS; round++) {
      long start = System.nanoTime();
      for (int i = 0; i < BLOCKS_PER_ROUND; i++) {
        sink += BlockHash.of(block).length();
      }
      bestHash = Math.min(bestHash, System.nanoTime() - start);
      start = System.nanoTime();
      for (int i = 0; i < BLOCKS_PER_ROUND; i++) {
        block[i] ^= 1;
        System.arraycopy(block, 0, copy, 0, BLOCK_BYTES);
        sink += copy[i];
      }
      bestCopy = Math.min(bestCopy, System.nanoTime() - start);
    }
    if (sink == Integer.MIN_VALUE) {
      // Keeps the JIT from dropping the loops as unused work.
      throw new AssertionError(sink);
    }
    return (double) bestCopy / bestHash;
  }
}
