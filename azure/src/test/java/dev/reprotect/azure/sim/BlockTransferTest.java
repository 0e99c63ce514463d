package dev.reprotect.azure.sim;

import static dev.reprotect.azure.sim.SimTestWorld.BLOCK_SIZE;
import static dev.reprotect.azure.sim.SimTestWorld.CALLER;
import static dev.reprotect.azure.sim.SimTestWorld.EAST;
import static dev.reprotect.azure.sim.SimTestWorld.SOUTHEAST;
import static dev.reprotect.azure.sim.SimTestWorld.block;
import static dev.reprotect.azure.sim.SimTestWorld.zeros;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.dynatrace.hash4j.hashing.Hashing;
import dev.reprotect.azure.AzureErrorCode;
import dev.reprotect.azure.AzureException;
import dev.reprotect.azure.BlobRef;
import dev.reprotect.azure.BlockHash;
import dev.reprotect.azure.BlockHashes;
import dev.reprotect.azure.BlockTransfer;
import dev.reprotect.azure.MeteringApi;
import dev.reprotect.azure.StorageApi;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The data path of the initial sync: region-local block hashes, and moving only the blocks that
 * differ, on whichever side they are allocated.
 */
class BlockTransferTest {
  private static final int BLOCKS = 16;

  @TempDir Path dataDir;
  private SimTestWorld world;
  private StorageApi storage;
  private MeteringApi metering;

  /** In eastasia: blocks 0, 1, 2, 5. */
  private BlobRef source;

  /** In southeastasia: block 1 equal to the source's, 2 different, 7 and 9 only here. */
  private BlobRef target;

  @BeforeEach
  void setUp() {
    world = SimTestWorld.in(dataDir);
    storage = world.azure.storage();
    metering = world.azure.metering();
    List<BlobRef> pair = world.crossRegionPair("source.vhd", "target.vhd", BLOCKS);
    source = pair.get(0);
    target = pair.get(1);
    world.writeDistinct(source, 0, 1, 2, 5);
    world.writeDistinct(target, 1);
    world.write(target, 2, block(200));
    world.write(target, 7, block(700));
    world.write(target, 9, block(900));
  }

  @AfterEach
  void tearDown() {
    world.close();
  }

  private static List<Long> allBlocks() {
    return LongStream.range(0, BLOCKS).boxed().toList();
  }

  @Test
  void transferCopiesSourceBlocksClearsTargetOnlyBlocksAndSkipsEqualOnes() {
    BlockTransfer result = storage.transferBlocks(CALLER, source, target, allBlocks());

    assertThat(result.blocksCopied()).isEqualTo(3); // 0, 2, 5; 1 is equal already
    assertThat(result.blocksCleared()).isEqualTo(2); // 7, 9
    assertThat(result.meteredBytes()).isEqualTo(3L * BLOCK_SIZE);
    assertThat(metering.bytesTransferred(EAST, SOUTHEAST)).isEqualTo(3L * BLOCK_SIZE);
    assertThat(world.allocated(target)).containsExactly(0L, 1L, 2L, 5L);
    assertThat(storage.readBlock(CALLER, target, 2)).isEqualTo(block(2));
    assertThat(storage.readBlock(CALLER, target, 7)).isEqualTo(zeros());
    assertThat(storage.checksum(CALLER, target)).isEqualTo(storage.checksum(CALLER, source));
  }

  @Test
  void eachChangedBlockIsLoggedOnce() {
    int before = world.log().size();

    storage.transferBlocks(CALLER, source, target, allBlocks());

    assertThat(world.log().subList(before, world.log().size()))
        .extracting(entry -> entry.resourceId().substring(entry.resourceId().lastIndexOf('/') + 1))
        .containsExactlyInAnyOrder("0", "2", "5", "7", "9");
  }

  @Test
  void aSecondIdenticalTransferCopiesNothingAndMetersNothing() {
    storage.transferBlocks(CALLER, source, target, allBlocks());
    int logged = world.log().size();
    long metered = metering.bytesTransferred(EAST, SOUTHEAST);
    String state = world.azure.exportState();

    BlockTransfer again = storage.transferBlocks(CALLER, source, target, allBlocks());

    assertThat(again).isEqualTo(BlockTransfer.none());
    assertThat(metering.bytesTransferred(EAST, SOUTHEAST)).isEqualTo(metered);
    assertThat(world.log()).hasSize(logged);
    assertThat(world.azure.exportState()).isEqualTo(state);
  }

  @Test
  void aTransferTouchesOnlyTheBlocksItIsGiven() {
    BlockTransfer result = storage.transferBlocks(CALLER, source, target, List.of(0L, 7L));

    assertThat(result.blocksCopied()).isEqualTo(1);
    assertThat(result.blocksCleared()).isEqualTo(1);
    assertThat(world.allocated(target)).containsExactly(0L, 1L, 2L, 9L);
    assertThat(storage.readBlock(CALLER, target, 2)).isEqualTo(block(200));
  }

  @Test
  void transferringTheUnionOfDifferingIndicesMakesTheChecksumsEqual() {
    // As the initial sync does it: each side hashed in its own region, hashes shipped to one side.
    Map<Long, String> sourceHashes =
        hashesByIndex(storage.blockHashes(CALLER, source, 0, BLOCKS, SOUTHEAST));
    Map<Long, String> targetHashes =
        hashesByIndex(storage.blockHashes(CALLER, target, 0, BLOCKS, SOUTHEAST));
    TreeSet<Long> differing = new TreeSet<>(sourceHashes.keySet());
    differing.addAll(targetHashes.keySet());
    differing.removeIf(i -> Objects.equals(sourceHashes.get(i), targetHashes.get(i)));

    assertThat(differing).containsExactly(0L, 2L, 5L, 7L, 9L);
    storage.transferBlocks(CALLER, source, target, new ArrayList<>(differing));

    assertThat(storage.checksum(CALLER, target)).isEqualTo(storage.checksum(CALLER, source));
    for (long index = 0; index < BLOCKS; index++) {
      assertThat(storage.readBlock(CALLER, target, index))
          .isEqualTo(storage.readBlock(CALLER, source, index));
    }
  }

  @Test
  void aTransferWithinARegionSharesBlocksAndMetersNothing() {
    BlobRef local = world.blob("steast", "local.vhd", BLOCKS);
    world.write(local, 7, block(700));
    long files = world.filesIn(EAST);

    BlockTransfer result = storage.transferBlocks(CALLER, source, local, allBlocks());

    assertThat(result).isEqualTo(new BlockTransfer(4, 1, 0, List.of()));
    assertThat(world.filesIn(EAST)).isEqualTo(files);
    assertThat(metering.bytesTransferred(EAST, SOUTHEAST)).isZero();
    assertThat(storage.checksum(CALLER, local)).isEqualTo(storage.checksum(CALLER, source));
  }

  @Test
  void aTransferBeyondTheTargetsEndIsRefusedAndChangesNothing() {
    BlobRef small = world.blob("stsoutheast", "small.vhd", 4);
    String state = world.azure.exportState();
    int logged = world.log().size();

    assertThatThrownBy(() -> storage.transferBlocks(CALLER, source, small, List.of(0L, 5L)))
        .isInstanceOfSatisfying(
            AzureException.class,
            e -> assertThat(e.code()).isEqualTo(AzureErrorCode.InvalidParameter));
    assertThat(world.azure.exportState()).isEqualTo(state);
    assertThat(world.log()).hasSize(logged);
    assertThat(metering.bytesTransferred(EAST, SOUTHEAST)).isZero();
  }

  @Test
  void aBlockListedTwiceIsCopiedOnce() {
    int logged = world.log().size();

    BlockTransfer result = storage.transferBlocks(CALLER, source, target, List.of(0L, 0L));

    assertThat(result).isEqualTo(new BlockTransfer(1, 0, BLOCK_SIZE, List.of()));
    assertThat(world.log()).hasSize(logged + 1);
  }

  @Test
  void aBlockListedTwiceIsClearedOnce() {
    int logged = world.log().size();

    BlockTransfer result = storage.transferBlocks(CALLER, source, target, List.of(7L, 7L));

    assertThat(world.log()).as("activity log entries added").hasSize(logged + 1);
    assertThat(result).isEqualTo(new BlockTransfer(0, 1, 0, List.of()));
  }

  @Test
  void blockHashesListOnlyAllocatedBlocksOfTheRange() {
    BlockHashes hashes = storage.blockHashes(CALLER, source, 2, 6, EAST);

    assertThat(hashes.fromBlock()).isEqualTo(2);
    assertThat(hashes.toBlock()).isEqualTo(6);
    assertThat(hashes.entries()).extracting(BlockHash::index).containsExactly(2L, 5L);
    String xxh3 =
        HexFormat.of().formatHex(Hashing.xxh3_128().hashBytesTo128Bits(block(5)).toByteArray());
    assertThat(hashes.entries().get(1).hash()).isEqualTo(xxh3);
    assertThat(storage.blockHashes(CALLER, source, 6, BLOCKS, EAST).entries()).isEmpty();
    assertThat(storage.blockHashes(CALLER, source, 0, 1, EAST).entries())
        .extracting(BlockHash::index)
        .containsExactly(0L);
  }

  @Test
  void blockHashesDeliveredInTheBlobsRegionAreNotMetered() {
    BlockHashes hashes = storage.blockHashes(CALLER, source, 0, BLOCKS, EAST);

    assertThat(hashes.entries()).hasSize(4);
    assertThat(hashes.meteredBytes()).isZero();
    assertThat(metering.bytesTransferred(EAST, SOUTHEAST)).isZero();
    assertThat(metering.bytesTransferred(SOUTHEAST, EAST)).isZero();
  }

  @Test
  void blockHashesDeliveredToAnotherRegionAreMeteredPerEntry() {
    BlockHashes hashes = storage.blockHashes(CALLER, source, 0, BLOCKS, SOUTHEAST);

    assertThat(hashes.meteredBytes()).isEqualTo(4L * BlockHash.WIRE_BYTES);
    assertThat(metering.bytesTransferred(EAST, SOUTHEAST)).isEqualTo(4L * BlockHash.WIRE_BYTES);
    assertThat(metering.bytesTransferred(SOUTHEAST, EAST)).isZero();

    BlockHashes back = storage.blockHashes(CALLER, target, 0, 8, EAST);
    assertThat(back.entries()).hasSize(3);
    assertThat(metering.bytesTransferred(SOUTHEAST, EAST)).isEqualTo(3L * BlockHash.WIRE_BYTES);
  }

  @Test
  void blockHashesAreAReadAndAreNotLogged() {
    int logged = world.log().size();

    storage.blockHashes(CALLER, source, 0, BLOCKS, SOUTHEAST);

    assertThat(world.log()).hasSize(logged);
  }

  private static Map<Long, String> hashesByIndex(BlockHashes hashes) {
    Map<Long, String> byIndex = new TreeMap<>();
    hashes.entries().forEach(h -> byIndex.put(h.index(), h.hash()));
    return byIndex;
  }
}
