package dev.reprotect.activities.data;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reprotect.azure.BlockHash;
import dev.reprotect.azure.BlockHashes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class BlockDiffTest {

  /** Hash lists of a range [0, 100): {@code "3=a", "7=b"} is block 3 hashed "a", block 7 "b". */
  private static BlockHashes hashes(String... entries) {
    List<BlockHash> list = new ArrayList<>();
    for (String entry : entries) {
      String[] parts = entry.split("=");
      list.add(new BlockHash(Long.parseLong(parts[0]), parts[1]));
    }
    return new BlockHashes(0, 100, list, 0);
  }

  private static BlockHashes hashes(Map<Long, String> blocks) {
    List<BlockHash> list = new ArrayList<>();
    blocks.forEach((index, hash) -> list.add(new BlockHash(index, hash)));
    return new BlockHashes(0, Long.MAX_VALUE, list, 0);
  }

  @Test
  void twoEmptyRangesDifferNowhere() {
    assertThat(BlockDiff.differingBlocks(hashes(), hashes())).isEmpty();
  }

  @Test
  void identicalRangesDifferNowhere() {
    assertThat(BlockDiff.differingBlocks(hashes("1=a", "5=b", "9=c"), hashes("1=a", "5=b", "9=c")))
        .isEmpty();
  }

  @Test
  void aBlockWithAnotherHashDiffers() {
    assertThat(BlockDiff.differingBlocks(hashes("1=a", "5=b", "9=c"), hashes("1=a", "5=x", "9=c")))
        .containsExactly(5L);
  }

  @Test
  void aBlockOnlyTheSourceHasDiffers() {
    assertThat(BlockDiff.differingBlocks(hashes("2=a", "4=b"), hashes("4=b"))).containsExactly(2L);
    assertThat(BlockDiff.differingBlocks(hashes("2=a", "4=b"), hashes())).containsExactly(2L, 4L);
  }

  @Test
  void aBlockOnlyTheReplicaHasDiffersSoThatItIsCleared() {
    assertThat(BlockDiff.differingBlocks(hashes("4=b"), hashes("2=a", "4=b", "8=z")))
        .containsExactly(2L, 8L);
    assertThat(BlockDiff.differingBlocks(hashes(), hashes("3=q"))).containsExactly(3L);
  }

  @Test
  void interleavedRangesGiveEveryDifferenceOnceInAscendingOrder() {
    BlockHashes source = hashes("0=a", "2=b", "3=c", "6=d", "9=e", "11=f");
    BlockHashes replica = hashes("1=a", "2=b", "3=x", "7=d", "9=e", "12=g", "13=h");

    assertThat(BlockDiff.differingBlocks(source, replica))
        .containsExactly(0L, 1L, 3L, 6L, 7L, 11L, 12L, 13L);
  }

  @Test
  void agreesWithASetComputationOnRandomRanges() {
    SplittableRandom random = new SplittableRandom(7);
    for (int round = 0; round < 200; round++) {
      TreeMap<Long, String> source = new TreeMap<>();
      TreeMap<Long, String> replica = new TreeMap<>();
      for (long index = 0; index < 64; index++) {
        int pick = random.nextInt(6);
        String hash = "h" + random.nextInt(3);
        switch (pick) {
          case 0 -> source.put(index, hash);
          case 1 -> replica.put(index, hash);
          case 2, 3 -> {
            source.put(index, hash);
            replica.put(index, random.nextBoolean() ? hash : hash + "'");
          }
          default -> {}
        }
      }
      TreeSet<Long> expected = new TreeSet<>();
      source.forEach(
          (index, hash) -> {
            if (!hash.equals(replica.get(index))) {
              expected.add(index);
            }
          });
      replica.keySet().stream().filter(index -> !source.containsKey(index)).forEach(expected::add);

      assertThat(BlockDiff.differingBlocks(hashes(source), hashes(replica)))
          .as("round %d", round)
          .containsExactlyElementsOf(expected);
    }
  }
}
