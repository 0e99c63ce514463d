package dev.reprotect.azure.sim;

import static dev.reprotect.azure.sim.SimTestWorld.BLOCK_SIZE;
import static dev.reprotect.azure.sim.SimTestWorld.CALLER;
import static dev.reprotect.azure.sim.SimTestWorld.CONTAINER;
import static dev.reprotect.azure.sim.SimTestWorld.EAST;
import static dev.reprotect.azure.sim.SimTestWorld.SOUTHEAST;
import static dev.reprotect.azure.sim.SimTestWorld.block;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reprotect.azure.AzureErrorCode;
import dev.reprotect.azure.AzureException;
import dev.reprotect.azure.BlobRef;
import dev.reprotect.azure.BlockTransfer;
import dev.reprotect.azure.StorageApi;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code corrupt} fault: a block crossing regions arrives with one bit flipped. The receiving
 * region notices it from the bytes, records what it holds (never what the sender claimed), and the
 * block is sent again: by the caller after a transfer, by the copy itself.
 */
class CorruptedTransferTest {
  private static final int BLOCKS = 8;

  @TempDir Path dataDir;
  private SimTestWorld world;
  private StorageApi storage;
  private BlobRef source;
  private BlobRef replica;

  @BeforeEach
  void setUp() {
    world = SimTestWorld.in(dataDir);
    storage = world.azure.storage();
    List<BlobRef> pair = world.crossRegionPair("source.vhd", "replica.vhd", BLOCKS);
    source = pair.get(0);
    replica = pair.get(1);
    world.writeDistinct(source, 0, 2, 3, 6);
  }

  @AfterEach
  void tearDown() {
    world.close();
  }

  private static List<Long> allBlocks() {
    return LongStream.range(0, BLOCKS).boxed().toList();
  }

  @Test
  void atRateOneEveryBlockIsReportedCorruptedAndTheReplicaKeepsNothingOfWhatArrived() {
    String before = storage.checksum(CALLER, replica);
    world.azure.faults().corruptTransfers(1.0, 7);

    BlockTransfer transfer = storage.transferBlocks(CALLER, source, replica, allBlocks());

    // The receiver's transactional check refused every block: none was kept.
    assertThat(transfer.blocksCopied()).isZero();
    assertThat(transfer.corruptedBlocks()).containsExactly(0L, 2L, 3L, 6L);
    assertThat(world.azure.faults().corruptedBlocks()).isEqualTo(4);
    for (long index : transfer.corruptedBlocks()) {
      assertThat(Files.exists(world.blockFile(SOUTHEAST, block(index)))).isFalse();
    }
    assertThat(storage.checksum(CALLER, replica))
        .isEqualTo(before)
        .isNotEqualTo(storage.checksum(CALLER, source));
  }

  @Test
  void sendingTheCorruptedBlocksAgainMakesTheReplicaEqual() {
    world.azure.faults().corruptTransfers(1.0, 7);
    List<Long> corrupted =
        storage.transferBlocks(CALLER, source, replica, allBlocks()).corruptedBlocks();
    world.azure.faults().corruptTransfers(0, 0);

    BlockTransfer again = storage.transferBlocks(CALLER, source, replica, corrupted);

    assertThat(again.blocksCopied()).isEqualTo(4);
    assertThat(again.corruptedBlocks()).isEmpty();
    assertThat(storage.checksum(CALLER, replica)).isEqualTo(storage.checksum(CALLER, source));
  }

  @Test
  void aCopyAcrossRegionsSendsCorruptedBlocksAgainAndEndsByteIdentical() {
    world.azure.faults().corruptTransfers(0.4, 11);
    BlobRef copy = new BlobRef("stsoutheast", CONTAINER, "copy.vhd");

    storage.copyBlob(CALLER, source, copy);

    long corrupted = world.azure.faults().corruptedBlocks();
    assertThat(corrupted).isPositive();
    for (long index : List.of(0L, 2L, 3L, 6L)) {
      assertThat(storage.readBlock(CALLER, copy, index)).isEqualTo(block(index));
    }
    assertThat(storage.checksum(CALLER, copy)).isEqualTo(storage.checksum(CALLER, source));
    // Every send crossed the regions, the ones that arrived corrupted too.
    assertThat(world.azure.metering().bytesTransferred(EAST, SOUTHEAST))
        .isEqualTo((4 + corrupted) * BLOCK_SIZE);
  }

  @Test
  void aCopyWhoseBlocksKeepArrivingCorruptedFailsTransientAndLeavesNoCopy() {
    world.azure.faults().corruptTransfers(1.0, 3);
    BlobRef copy = new BlobRef("stsoutheast", CONTAINER, "copy.vhd");

    assertThatThrownBy(() -> storage.copyBlob(CALLER, source, copy))
        .isInstanceOfSatisfying(
            AzureException.class,
            e -> {
              assertThat(e.code()).isEqualTo(AzureErrorCode.InternalServerError);
              assertThat(e.isTransient()).isTrue();
            });
    assertThat(world.azure.faults().corruptedBlocks()).isEqualTo(SimStorage.SENDS_PER_BLOCK);
    assertThat(storage.blob(copy)).isEmpty();
  }

  @Test
  void blocksThatStayInTheirRegionAreNeverCorrupted() {
    world.azure.faults().corruptTransfers(1.0, 5);
    BlobRef local = world.blob("steast", "local.vhd", BLOCKS);

    BlockTransfer transfer = storage.transferBlocks(CALLER, source, local, allBlocks());
    BlobRef copy = new BlobRef("steast", CONTAINER, "copy.vhd");
    storage.copyBlob(CALLER, source, copy);

    assertThat(transfer.corruptedBlocks()).isEmpty();
    assertThat(world.azure.faults().corruptedBlocks()).isZero();
    assertThat(storage.checksum(CALLER, local)).isEqualTo(storage.checksum(CALLER, source));
    assertThat(storage.checksum(CALLER, copy)).isEqualTo(storage.checksum(CALLER, source));
  }
}
