package dev.reprotect.azure.sim;

import static dev.reprotect.azure.sim.SimTestWorld.CALLER;
import static dev.reprotect.azure.sim.SimTestWorld.EAST;
import static dev.reprotect.azure.sim.SimTestWorld.SOUTHEAST;
import static dev.reprotect.azure.sim.SimTestWorld.block;
import static org.assertj.core.api.Assertions.assertThat;

import com.dynatrace.hash4j.hashing.Hashing;
import dev.reprotect.azure.BlobRef;
import dev.reprotect.azure.BlockHash;
import dev.reprotect.azure.BlockTransfer;
import dev.reprotect.azure.StorageApi;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hashes and checksums come from the bytes a region holds, read when they are asked for: a block
 * file damaged on disk behind the metadata shows, where a hash taken from the block map (the file's
 * name, what was written) would not.
 */
class BytesAtRestTest {
  @TempDir Path dataDir;
  private SimTestWorld world;
  private StorageApi storage;
  private BlobRef east;
  private BlobRef southeast;

  @BeforeEach
  void setUp() {
    world = SimTestWorld.in(dataDir);
    storage = world.azure.storage();
    List<BlobRef> pair = world.crossRegionPair("disk.vhd", "disk.vhd", 8);
    east = pair.get(0);
    southeast = pair.get(1);
    world.writeDistinct(east, 1, 4);
    world.writeDistinct(southeast, 1, 4);
  }

  @AfterEach
  void tearDown() {
    world.close();
  }

  @Test
  void blockHashesAreTheXxh3OfTheBytesOnDiskNotOfWhatTheMetadataSaysWasWritten() {
    List<BlockHash> before = storage.blockHashes(CALLER, east, 0, 8, EAST).entries();
    String exportBefore = world.azure.exportState();

    byte[] damaged = world.flipBitAtRest(EAST, block(4), 12_345);

    List<BlockHash> after = storage.blockHashes(CALLER, east, 0, 8, EAST).entries();
    assertThat(after.get(0)).isEqualTo(before.get(0));
    assertThat(after.get(1).index()).isEqualTo(4);
    assertThat(after.get(1).hash()).isNotEqualTo(before.get(1).hash()).isEqualTo(xxh3(damaged));
    assertThat(before.get(1).hash()).isEqualTo(xxh3(block(4)));
    // The metadata did not change: a hash derived from it would still claim the written bytes.
    assertThat(world.azure.exportState()).isEqualTo(exportBefore);
  }

  @Test
  void checksumsAreEqualAcrossRegionsForEqualBytesAndDifferAfterABitFlippedAtRest() {
    assertThat(storage.checksum(CALLER, east)).isEqualTo(storage.checksum(CALLER, southeast));

    world.flipBitAtRest(SOUTHEAST, block(1), 7);

    assertThat(storage.checksum(CALLER, east)).isNotEqualTo(storage.checksum(CALLER, southeast));
  }

  /** What the recorded checksum gives up for reading nothing: the scrub reads the bytes. */
  @Test
  void theRecordedChecksumIsTheChecksumOfWhatWasWrittenAndMissesABitFlippedAtRest() {
    assertThat(storage.recordedChecksum(CALLER, southeast))
        .isEqualTo(storage.checksum(CALLER, southeast))
        .isEqualTo(storage.recordedChecksum(CALLER, east));

    world.flipBitAtRest(SOUTHEAST, block(1), 7);

    assertThat(storage.recordedChecksum(CALLER, southeast))
        .isEqualTo(storage.recordedChecksum(CALLER, east))
        .isNotEqualTo(storage.checksum(CALLER, southeast));
  }

  @Test
  void aChangedBlockCrossesWithoutBeingReadOnTheReceivingSide() {
    world.write(east, 4, block(40));
    long readBefore = world.azure.metering().costsBy("").bytesReadIn(SOUTHEAST);

    BlockTransfer transfer = storage.transferBlocks(CALLER, east, southeast, List.of(4L));

    assertThat(transfer.blocksCopied()).isEqualTo(1);
    assertThat(world.azure.metering().costsBy("").bytesReadIn(SOUTHEAST)).isEqualTo(readBefore);
    assertThat(storage.readBlock(CALLER, southeast, 4)).isEqualTo(block(40));
  }

  @Test
  void aTransferRepairsABlockDamagedAtRestOnTheReceivingSide() {
    world.flipBitAtRest(SOUTHEAST, block(1), 0);

    BlockTransfer transfer = storage.transferBlocks(CALLER, east, southeast, List.of(1L, 4L));

    // Block 1's name is the same on both sides; its bytes are not, so it is sent; 4 is equal.
    assertThat(transfer.blocksCopied()).isEqualTo(1);
    assertThat(transfer.corruptedBlocks()).isEmpty();
    assertThat(storage.readBlock(CALLER, southeast, 1)).isEqualTo(block(1));
    assertThat(storage.checksum(CALLER, southeast)).isEqualTo(storage.checksum(CALLER, east));
  }

  @Test
  void aCopyAcrossRegionsOverADamagedCopyIsMadeAgain() {
    BlobRef copy = new BlobRef("stsoutheast", SimTestWorld.CONTAINER, "copy.vhd");
    storage.copyBlob(CALLER, east, copy);
    storage.copyBlob(CALLER, east, copy);
    assertThat(world.log().stream().filter(e -> e.operation().endsWith("/copy"))).hasSize(1);

    world.flipBitAtRest(SOUTHEAST, block(4), 99);
    storage.copyBlob(CALLER, east, copy);

    assertThat(world.log().stream().filter(e -> e.operation().endsWith("/copy"))).hasSize(2);
    assertThat(storage.readBlock(CALLER, copy, 4)).isEqualTo(block(4));
    assertThat(storage.checksum(CALLER, copy)).isEqualTo(storage.checksum(CALLER, east));
  }

  private static String xxh3(byte[] data) {
    return HexFormat.of().formatHex(Hashing.xxh3_128().hashBytesTo128Bits(data).toByteArray());
  }
}
