package dev.reprotect.azure.sim;

import dev.reprotect.azure.ChurnPattern;
import java.util.SplittableRandom;

/**
 * Where one disk's churn writes next, and what: a pure function of the pattern, the seed and the
 * disk's size, so that a seed replays the same writes. Hot-spot puts {@link #HOT_SHARE} of the
 * writes into the first {@link #HOT_FRACTION} of the disk, the rest into the remainder.
 */
final class ChurnSequence {
  static final double HOT_SHARE = 0.8;
  static final double HOT_FRACTION = 0.1;

  private final ChurnPattern pattern;
  private final SplittableRandom random;

  ChurnSequence(ChurnPattern pattern, long seed) {
    this.pattern = pattern;
    this.random = new SplittableRandom(seed);
  }

  /** The index of the next block to write on a disk of {@code blockCount} blocks. */
  long nextBlock(long blockCount) {
    if (pattern == ChurnPattern.Random) {
      return random.nextLong(blockCount);
    }
    long hot = hotBlocks(blockCount);
    if (hot == blockCount || random.nextDouble() < HOT_SHARE) {
      return random.nextLong(hot);
    }
    return hot + random.nextLong(blockCount - hot);
  }

  /** The next block's bytes. */
  void nextBytes(byte[] block) {
    random.nextBytes(block);
  }

  /** The size of the hot spot of a disk: its first tenth, one block at least. */
  static long hotBlocks(long blockCount) {
    return Math.max(1, (long) (blockCount * HOT_FRACTION));
  }
}
