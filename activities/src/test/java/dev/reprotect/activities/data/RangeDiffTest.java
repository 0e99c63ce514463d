package dev.reprotect.activities.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reprotect.activities.Rendezvous;
import dev.reprotect.azure.AzureErrorCode;
import dev.reprotect.azure.AzureException;
import dev.reprotect.azure.BlobRef;
import dev.reprotect.azure.Caller;
import dev.reprotect.azure.sim.SimulatedAzure;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RangeDiffTest {
  private static final int BLOCK_SIZE = 4096;
  private static final int BLOCKS = 8;
  private static final Caller CALLER = Caller.of("range-diff-test");

  private final SimulatedAzure azure = TwoRegions.simulator(BLOCK_SIZE);
  private final BlobRef source = TwoRegions.SOURCE;
  private final BlobRef replica = TwoRegions.REPLICA;

  @BeforeEach
  void sourceWithEveryBlockAndAReplicaWithTheOddOnes() {
    TwoRegions.emptyDisks(azure, CALLER, BLOCKS);
    for (int index = 0; index < BLOCKS; index++) {
      byte[] data = new byte[BLOCK_SIZE];
      Arrays.fill(data, (byte) (index + 1));
      azure.storage().writeBlock(CALLER, source, index, data);
      if (index % 2 == 1) {
        azure.storage().writeBlock(CALLER, replica, index, data);
      }
    }
  }

  @AfterEach
  void close() {
    azure.close();
  }

  /**
   * Each side reads its own disk: the two lists are asked for at once, so a range costs the slower
   * side's time, not the sum.
   */
  @Test
  void bothSidesHashesAreAskedForAtOnce() {
    Runnable meetTheOtherSide = new Rendezvous();
    azure.faults().onCall("blockHashes", 1, meetTheOtherSide);
    azure.faults().onCall("blockHashes", 2, meetTheOtherSide);

    RangeDiff diff = RangeDiff.of(azure, CALLER, source, replica, 0, BLOCKS, TwoRegions.SOUTHEAST);

    assertThat(diff.differing()).containsExactly(0L, 2L, 4L, 6L);
  }

  @Test
  void aFailureOfTheReplicaSideIsThrownAsItself() {
    azure.storage().deleteBlob(CALLER, replica);

    assertThatThrownBy(
            () -> RangeDiff.of(azure, CALLER, source, replica, 0, BLOCKS, TwoRegions.SOUTHEAST))
        .isInstanceOf(AzureException.class)
        .extracting(e -> ((AzureException) e).code())
        .isEqualTo(AzureErrorCode.ResourceNotFound);
  }
}
