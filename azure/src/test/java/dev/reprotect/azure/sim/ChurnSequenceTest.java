package dev.reprotect.azure.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reprotect.azure.ChurnPattern;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which blocks a churn picks: a pure function of pattern, seed and disk size. */
class ChurnSequenceTest {
  private static final long BLOCKS = 1000;
  private static final int PICKS = 20_000;

  @Test
  void theSameSeedPicksTheSameBlocksAndBytes() {
    assertThat(picks(ChurnPattern.Random, 7))
        .isEqualTo(picks(ChurnPattern.Random, 7))
        .isNotEqualTo(picks(ChurnPattern.Random, 8));
    assertThat(picks(ChurnPattern.HotSpot, 7)).isEqualTo(picks(ChurnPattern.HotSpot, 7));
    byte[] first = new byte[64];
    byte[] second = new byte[64];
    new ChurnSequence(ChurnPattern.Random, 3).nextBytes(first);
    new ChurnSequence(ChurnPattern.Random, 3).nextBytes(second);
    assertThat(first).isEqualTo(second);
  }

  @Test
  void hotSpotPutsEightyPercentOfTheWritesIntoATenthOfTheDisk() {
    List<Long> picks = picks(ChurnPattern.HotSpot, 11);
    long hot = ChurnSequence.hotBlocks(BLOCKS);

    double share = picks.stream().filter(block -> block < hot).count() / (double) PICKS;

    assertThat(hot).isEqualTo(100);
    assertThat(share).isBetween(0.78, 0.82);
    assertThat(picks).allSatisfy(block -> assertThat(block).isBetween(0L, BLOCKS - 1));
    assertThat(picks.stream().filter(block -> block >= hot).distinct().count()).isGreaterThan(800);
  }

  @Test
  void randomSpreadsOverTheWholeDisk() {
    List<Long> picks = picks(ChurnPattern.Random, 11);

    double share = picks.stream().filter(block -> block < 100).count() / (double) PICKS;

    assertThat(share).isBetween(0.08, 0.12);
    assertThat(picks.stream().distinct().count()).isEqualTo(BLOCKS);
  }

  @Test
  void aOneBlockDiskIsAllHotSpot() {
    ChurnSequence sequence = new ChurnSequence(ChurnPattern.HotSpot, 1);
    for (int i = 0; i < 100; i++) {
      assertThat(sequence.nextBlock(1)).isZero();
    }
  }

  private static List<Long> picks(ChurnPattern pattern, long seed) {
    ChurnSequence sequence = new ChurnSequence(pattern, seed);
    List<Long> picks = new ArrayList<>();
    for (int i = 0; i < PICKS; i++) {
      picks.add(sequence.nextBlock(BLOCKS));
    }
    return picks;
  }
}
