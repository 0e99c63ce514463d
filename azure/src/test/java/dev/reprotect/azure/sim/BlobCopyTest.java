package dev.reprotect.azure.sim;

import static dev.reprotect.azure.sim.SimTestWorld.BLOCK_SIZE;
import static dev.reprotect.azure.sim.SimTestWorld.CALLER;
import static dev.reprotect.azure.sim.SimTestWorld.EAST;
import static dev.reprotect.azure.sim.SimTestWorld.SOUTHEAST;
import static dev.reprotect.azure.sim.SimTestWorld.block;
import static dev.reprotect.azure.sim.SimTestWorld.zeros;
import static org.assertj.core.api.Assertions.assertThat;

import dev.reprotect.azure.BlobRef;
import dev.reprotect.azure.PageBlob;
import dev.reprotect.azure.StorageApi;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whole-blob copies: blocks are shared within a region and written anew across regions. */
class BlobCopyTest {
  @TempDir Path dataDir;
  private SimTestWorld world;
  private StorageApi storage;
  private BlobRef original;

  @BeforeEach
  void setUp() {
    world = SimTestWorld.in(dataDir);
    storage = world.azure.storage();
    world.account("steast", EAST);
    world.account("steast2", EAST);
    world.account("stsoutheast", SOUTHEAST);
    original = world.blob("steast", "disk.vhd", 16);
    world.writeDistinct(original, 0, 3, 9);
  }

  @AfterEach
  void tearDown() {
    world.close();
  }

  @Test
  void copyWithinARegionSharesBlocksAndMetersNothing() {
    long filesBefore = world.filesIn(EAST);

    PageBlob copy = storage.copyBlob(CALLER, original, new BlobRef("steast2", "seed", "copy.vhd"));

    assertThat(world.filesIn(EAST)).isEqualTo(filesBefore);
    assertThat(world.filesIn(SOUTHEAST)).isZero();
    assertThat(world.azure.metering().bytesTransferred(EAST, SOUTHEAST)).isZero();
    assertThat(world.azure.metering().bytesTransferred(SOUTHEAST, EAST)).isZero();
    assertThat(copy.location()).isEqualTo(EAST);
    assertThat(copy.allocatedBytes()).isEqualTo(3L * BLOCK_SIZE);
    assertThat(storage.checksum(CALLER, copy.ref())).isEqualTo(storage.checksum(CALLER, original));
  }

  @Test
  void copyAcrossRegionsWritesTheBlocksInTheOtherRegionAndMetersExactlyThem() {
    PageBlob copy =
        storage.copyBlob(CALLER, original, new BlobRef("stsoutheast", "seed", "copy.vhd"));

    assertThat(world.filesIn(SOUTHEAST)).isEqualTo(3);
    assertThat(world.azure.metering().bytesTransferred(EAST, SOUTHEAST)).isEqualTo(3L * BLOCK_SIZE);
    assertThat(world.azure.metering().bytesTransferred(SOUTHEAST, EAST)).isZero();
    assertThat(copy.location()).isEqualTo(SOUTHEAST);
    assertThat(copy.sizeBytes()).isEqualTo(16L * BLOCK_SIZE);
    assertThat(storage.checksum(CALLER, copy.ref())).isEqualTo(storage.checksum(CALLER, original));
    assertThat(storage.readBlock(CALLER, copy.ref(), 9)).isEqualTo(block(9));
    assertThat(storage.readBlock(CALLER, copy.ref(), 8)).isEqualTo(zeros());
  }

  @Test
  void theCopyStandsOnItsOwnOnceTheOriginalIsDeleted() {
    BlobRef across = new BlobRef("stsoutheast", "seed", "copy.vhd");
    storage.copyBlob(CALLER, original, across);

    storage.deleteBlob(CALLER, original);

    assertThat(storage.blob(original)).isEmpty();
    assertThat(storage.readBlock(CALLER, across, 3)).isEqualTo(block(3));
  }

  @Test
  void aCopySharingBlocksInTheRegionSurvivesTheOriginalsDeletion() {
    BlobRef local = new BlobRef("steast2", "seed", "copy.vhd");
    storage.copyBlob(CALLER, original, local);

    storage.deleteBlob(CALLER, original);

    assertThat(storage.readBlock(CALLER, local, 9)).isEqualTo(block(9));
    assertThat(world.allocated(local)).containsExactly(0L, 3L, 9L);
  }

  @Test
  void writingToTheCopyLeavesTheOriginalUnchanged() {
    BlobRef copy = new BlobRef("steast", "vhds", "copy.vhd");
    storage.copyBlob(CALLER, original, copy);
    String originalChecksum = storage.checksum(CALLER, original);

    world.write(copy, 3, block(99));
    world.write(copy, 0, zeros());
    world.write(copy, 5, block(55));

    assertThat(storage.readBlock(CALLER, original, 3)).isEqualTo(block(3));
    assertThat(storage.readBlock(CALLER, original, 0)).isEqualTo(block(0));
    assertThat(storage.readBlock(CALLER, original, 5)).isEqualTo(zeros());
    assertThat(world.allocated(original)).containsExactly(0L, 3L, 9L);
    assertThat(storage.checksum(CALLER, original)).isEqualTo(originalChecksum);
    assertThat(storage.checksum(CALLER, copy)).isNotEqualTo(originalChecksum);
  }

  @Test
  void writingToTheOriginalLeavesTheCopyUnchanged() {
    BlobRef copy = new BlobRef("steast", "vhds", "copy.vhd");
    storage.copyBlob(CALLER, original, copy);

    world.write(original, 9, block(42));

    assertThat(storage.readBlock(CALLER, copy, 9)).isEqualTo(block(9));
  }

  @Test
  void copyingOntoAnEqualCopyAgainIsNotLoggedNorMeteredTwice() {
    BlobRef across = new BlobRef("stsoutheast", "seed", "copy.vhd");
    storage.copyBlob(CALLER, original, across);
    int logged = world.log().size();
    long metered = world.azure.metering().bytesTransferred(EAST, SOUTHEAST);

    storage.copyBlob(CALLER, original, across);

    assertThat(world.log()).hasSize(logged);
    assertThat(world.azure.metering().bytesTransferred(EAST, SOUTHEAST)).isEqualTo(metered);
  }

  @Test
  void copyingOverADifferentBlobReplacesItsContent() {
    BlobRef target = world.blob("steast2", "target.vhd", 4);
    world.write(target, 1, block(77));

    PageBlob copy = storage.copyBlob(CALLER, original, target);

    assertThat(copy.sizeBytes()).isEqualTo(16L * BLOCK_SIZE);
    assertThat(world.allocated(target)).containsExactly(0L, 3L, 9L);
    assertThat(storage.checksum(CALLER, target)).isEqualTo(storage.checksum(CALLER, original));
  }
}
