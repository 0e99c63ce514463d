package dev.reprotect.azure.sim;

import static dev.reprotect.azure.sim.SimTestWorld.BLOCK_SIZE;
import static dev.reprotect.azure.sim.SimTestWorld.CALLER;
import static dev.reprotect.azure.sim.SimTestWorld.EAST;
import static dev.reprotect.azure.sim.SimTestWorld.block;
import static dev.reprotect.azure.sim.SimTestWorld.zeros;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reprotect.azure.AzureErrorCode;
import dev.reprotect.azure.AzureException;
import dev.reprotect.azure.BlobRef;
import dev.reprotect.azure.PageBlob;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sparse page blobs: only written blocks exist, and their bytes live in files, not on the heap. */
class PageBlobTest {
  @TempDir Path dataDir;
  private SimTestWorld world;
  private BlobRef disk;

  @BeforeEach
  void setUp() {
    world = SimTestWorld.in(dataDir);
    world.account("steast", EAST);
    disk = world.blob("steast", "disk.vhd", 8);
  }

  @AfterEach
  void tearDown() {
    world.close();
  }

  @Test
  void aNewPageBlobAllocatesNothingAndReadsZeros() {
    PageBlob blob = world.azure.storage().blob(disk).orElseThrow();

    assertThat(blob.sizeBytes()).isEqualTo(8L * BLOCK_SIZE);
    assertThat(blob.allocatedBytes()).isZero();
    assertThat(blob.location()).isEqualTo(EAST);
    for (long index = 0; index < 8; index++) {
      assertThat(world.azure.storage().readBlock(CALLER, disk, index)).isEqualTo(zeros());
    }
    assertThat(world.filesIn(EAST)).isZero();
  }

  @Test
  void writingOneBlockAllocatesExactlyOneBlockAndReadsItBack() {
    world.write(disk, 3, block(1));

    assertThat(world.azure.storage().blob(disk).orElseThrow().allocatedBytes())
        .isEqualTo(BLOCK_SIZE);
    assertThat(world.allocated(disk)).containsExactly(3L);
    assertThat(world.azure.storage().readBlock(CALLER, disk, 3)).isEqualTo(block(1));
    assertThat(world.azure.storage().readBlock(CALLER, disk, 2)).isEqualTo(zeros());
  }

  @Test
  void aWrittenBlockIsAFileNamedByItsHashUnderTheRegionsDataDir() throws Exception {
    world.write(disk, 0, block(1));

    List<Path> files;
    try (Stream<Path> paths = Files.walk(dataDir.resolve(EAST))) {
      files = paths.filter(Files::isRegularFile).toList();
    }
    String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(block(1)));
    assertThat(files)
        .singleElement()
        .satisfies(
            file -> {
              assertThat(file.getFileName().toString()).isEqualTo(sha256);
              assertThat(Files.readAllBytes(file)).isEqualTo(block(1));
            });
  }

  @Test
  void equalBlocksAreStoredOnceHoweverOftenTheyAreWritten() {
    BlobRef other = world.blob("steast", "other.vhd", 8);

    world.write(disk, 0, block(1));
    world.write(disk, 5, block(1));
    world.write(other, 2, block(1));
    world.write(disk, 1, block(2));

    assertThat(world.filesIn(EAST)).isEqualTo(2);
    assertThat(world.azure.storage().blob(disk).orElseThrow().allocatedBytes())
        .isEqualTo(3L * BLOCK_SIZE);
  }

  @Test
  void writingAZeroBlockDeallocatesIt() {
    world.write(disk, 3, block(1));
    world.write(disk, 4, block(2));

    world.write(disk, 3, zeros());

    assertThat(world.allocated(disk)).containsExactly(4L);
    assertThat(world.azure.storage().blob(disk).orElseThrow().allocatedBytes())
        .isEqualTo(BLOCK_SIZE);
    assertThat(world.azure.storage().readBlock(CALLER, disk, 3)).isEqualTo(zeros());
  }

  @Test
  void writesThatChangeNothingAreNotLogged() {
    world.write(disk, 3, block(1));
    int logged = world.log().size();

    world.write(disk, 3, block(1));
    world.write(disk, 4, zeros());

    assertThat(world.log()).hasSize(logged);
    assertThat(world.filesIn(EAST)).isEqualTo(1);
  }

  @Test
  void eachChangingWriteIsLoggedWithTheCallersCorrelationId() {
    int before = world.log().size();

    world.write(disk, 3, block(1));
    world.write(disk, 3, block(2));
    world.write(disk, 3, zeros());

    assertThat(world.log().subList(before, world.log().size()))
        .hasSize(3)
        .allSatisfy(
            entry -> {
              assertThat(entry.correlationId()).isEqualTo(CALLER.correlationId());
              assertThat(entry.resourceId()).endsWith("/blobs/disk.vhd/blocks/3");
            });
  }

  @Test
  void aBlockOutsideTheBlobIsRefused() {
    String before = world.azure.exportState();

    assertThatThrownBy(() -> world.write(disk, 8, block(1)))
        .isInstanceOfSatisfying(
            AzureException.class,
            e -> assertThat(e.code()).isEqualTo(AzureErrorCode.InvalidParameter));
    assertThatThrownBy(() -> world.write(disk, -1, block(1)))
        .isInstanceOfSatisfying(
            AzureException.class,
            e -> assertThat(e.code()).isEqualTo(AzureErrorCode.InvalidParameter));
    assertThatThrownBy(() -> world.azure.storage().readBlock(CALLER, disk, 8))
        .isInstanceOfSatisfying(
            AzureException.class,
            e -> assertThat(e.code()).isEqualTo(AzureErrorCode.InvalidParameter));
    assertThat(world.azure.exportState()).isEqualTo(before);
  }

  @Test
  void aBlockMustBeExactlyOneBlockLong() {
    assertThatThrownBy(() -> world.write(disk, 0, new byte[BLOCK_SIZE - 1]))
        .isInstanceOfSatisfying(
            AzureException.class,
            e -> assertThat(e.code()).isEqualTo(AzureErrorCode.InvalidParameter));
    assertThat(world.allocated(disk)).isEmpty();
  }

  @Test
  void aBlobSizeIsAPositiveMultipleOfTheBlockSize() {
    for (long size : new long[] {0, -BLOCK_SIZE, BLOCK_SIZE + 1}) {
      BlobRef ref = new BlobRef("steast", "vhds", "odd.vhd");
      assertThatThrownBy(() -> world.azure.storage().createPageBlob(CALLER, ref, size))
          .isInstanceOfSatisfying(
              AzureException.class,
              e -> assertThat(e.code()).isEqualTo(AzureErrorCode.InvalidParameter));
    }
    assertThat(world.azure.storage().blob(new BlobRef("steast", "vhds", "odd.vhd"))).isEmpty();
  }

  @Test
  void shrinkingDropsTheBlocksPastTheNewEndAndGrowingBackReadsZeros() {
    world.writeDistinct(disk, 1, 5, 7);

    world.azure.storage().resizePageBlob(CALLER, disk, 5L * BLOCK_SIZE);
    assertThat(world.allocated(disk)).containsExactly(1L);

    PageBlob grown = world.azure.storage().resizePageBlob(CALLER, disk, 8L * BLOCK_SIZE);
    assertThat(grown.sizeBytes()).isEqualTo(8L * BLOCK_SIZE);
    assertThat(world.azure.storage().readBlock(CALLER, disk, 5)).isEqualTo(zeros());
    assertThat(world.azure.storage().readBlock(CALLER, disk, 7)).isEqualTo(zeros());
    assertThat(world.azure.storage().readBlock(CALLER, disk, 1)).isEqualTo(block(1));
  }

  @Test
  void resizingToTheSameSizeIsNotLogged() {
    int before = world.log().size();

    world.azure.storage().resizePageBlob(CALLER, disk, 8L * BLOCK_SIZE);

    assertThat(world.log()).hasSize(before);
  }

  @Test
  void aBackendInItsOwnDirectoryLeavesTheBlocksInPlaceOnClose() {
    world.write(disk, 0, block(1));

    world.close();

    assertThat(world.allFiles()).isEqualTo(1);
  }

  @Test
  void theDefaultBlockSizeIsOneMebibyte() {
    try (SimulatedAzure azure = SimulatedAzure.inTemporaryDirectory().withRegion(EAST)) {
      assertThat(azure.storage().blockSize()).isEqualTo(1 << 20);
    }
  }
}
