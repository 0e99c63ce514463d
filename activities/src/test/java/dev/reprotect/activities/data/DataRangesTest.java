package dev.reprotect.activities.data;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reprotect.azure.BlobRef;
import dev.reprotect.azure.Caller;
import dev.reprotect.azure.sim.SimulatedAzure;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DataRangesTest {
  private static final int BLOCK_SIZE = 4096;
  private static final int BLOCKS = 4 * DataRanges.RANGES_PER_PAGE;
  private static final int BLOCKS_PER_RANGE = 16;
  private static final Caller CALLER = Caller.of("data-ranges-test");

  private static final BlobRef SOURCE = TwoRegions.SOURCE;
  private static final BlobRef REPLICA = TwoRegions.REPLICA;

  private final SimulatedAzure azure = TwoRegions.simulator(BLOCK_SIZE);

  @BeforeEach
  void emptyDisks() {
    TwoRegions.emptyDisks(azure, CALLER, BLOCKS);
  }

  @AfterEach
  void close() {
    azure.close();
  }

  private void write(BlobRef ref, long... blocks) {
    for (long index : blocks) {
      byte[] data = new byte[BLOCK_SIZE];
      Arrays.fill(data, (byte) (index % 251 + 1));
      azure.storage().writeBlock(CALLER, ref, index, data);
    }
  }

  @Test
  void theBlocksOfEitherSideAreMergedAndAnEmptyDiskHasNone() {
    write(SOURCE, 3, 4, 5, 40);
    write(REPLICA, 5, 6, 41, 100);

    DataRanges either = DataRanges.allocatedOnEither(azure, CALLER, SOURCE, REPLICA, 0, BLOCKS);

    assertThat(either.blocksIn(0, BLOCKS)).containsExactly(3L, 4L, 5L, 6L, 40L, 41L, 100L);
    assertThat(either.blocksIn(5, 41)).containsExactly(5L, 6L, 40L);
    assertThat(either.blockCount()).as("overlapping and touching ranges counted once").isEqualTo(7);
    assertThat(DataRanges.allocated(azure, CALLER, SOURCE, 6, 40).blocksIn(0, BLOCKS)).isEmpty();
    DataRanges none = DataRanges.allocated(azure, CALLER, REPLICA, 101, BLOCKS);
    assertThat(none.nextRange(0, BLOCKS_PER_RANGE, BLOCKS)).isEqualTo(BLOCKS);
  }

  @Test
  void theNextRangeStepsOverTheEmptyOnesAndKeepsItsPlace() {
    write(SOURCE, 5, 70, 71, 200);
    DataRanges data = DataRanges.allocated(azure, CALLER, SOURCE, 0, BLOCKS);

    assertThat(data.nextRange(0, BLOCKS_PER_RANGE, BLOCKS)).isEqualTo(0);
    assertThat(data.nextRange(16, BLOCKS_PER_RANGE, BLOCKS)).as("70 is in [64, 80)").isEqualTo(64);
    assertThat(data.nextRange(80, BLOCKS_PER_RANGE, BLOCKS)).isEqualTo(192);
    assertThat(data.nextRange(3, BLOCKS_PER_RANGE, BLOCKS))
        .as("from a resumed position")
        .isEqualTo(3);
    assertThat(data.nextRange(6, BLOCKS_PER_RANGE, BLOCKS)).as("70 is in [70, 86)").isEqualTo(70);
    assertThat(data.nextRange(208, BLOCKS_PER_RANGE, BLOCKS)).isEqualTo(BLOCKS);
    assertThat(data.nextRange(0, BLOCKS_PER_RANGE, 60)).as("nothing before the end").isEqualTo(0);
    assertThat(data.nextRange(16, BLOCKS_PER_RANGE, 60)).isEqualTo(60);
  }

  @Test
  void aListingOfMorePagesThanOneIsFollowedToTheEnd() {
    long[] everyOther =
        LongStream.range(0, DataRanges.RANGES_PER_PAGE + 5).map(i -> 2 * i).toArray();
    write(SOURCE, everyOther);
    int listingsBefore = azure.faults().callCount("pageRanges");

    DataRanges data = DataRanges.allocated(azure, CALLER, SOURCE, 0, BLOCKS);

    assertThat(azure.faults().callCount("pageRanges") - listingsBefore).isEqualTo(2);
    assertThat(data.blocksIn(0, BLOCKS))
        .containsExactlyElementsOf(LongStream.of(everyOther).boxed().toList());
  }

  @Test
  void theChangesSinceASnapshotAreWhatWasWrittenOrCleared() {
    write(SOURCE, 1, 2, 3, 50);
    BlobRef snapshot = new BlobRef(SOURCE.storageAccount(), "cuts", "source.1.vhd");
    azure.storage().snapshotBlob(CALLER, SOURCE, snapshot, Map.of());
    write(SOURCE, 7);
    azure.storage().writeBlock(CALLER, SOURCE, 2, new byte[BLOCK_SIZE]);

    assertThat(
            DataRanges.changedSince(azure, CALLER, SOURCE, snapshot, 0, BLOCKS).blocksIn(0, BLOCKS))
        .isEqualTo(List.of(2L, 7L));
  }
}
