package dev.reprotect.azure.sim;

import static dev.reprotect.azure.sim.SimTestWorld.BLOCK_SIZE;
import static dev.reprotect.azure.sim.SimTestWorld.CALLER;
import static dev.reprotect.azure.sim.SimTestWorld.block;
import static dev.reprotect.azure.sim.SimTestWorld.zeros;
import static org.assertj.core.api.Assertions.assertThat;

import dev.reprotect.azure.BlobRef;
import dev.reprotect.azure.StorageApi;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A disk's checksum reflects its logical content: size and bytes, nothing else. */
class ChecksumTest {
  @TempDir Path dataDir;
  private SimTestWorld world;
  private StorageApi storage;
  private BlobRef a;
  private BlobRef b;

  @BeforeEach
  void setUp() {
    world = SimTestWorld.in(dataDir);
    storage = world.azure.storage();
    List<BlobRef> pair = world.crossRegionPair("a.vhd", "b.vhd", 8);
    a = pair.get(0);
    b = pair.get(1);
  }

  @AfterEach
  void tearDown() {
    world.close();
  }

  @Test
  void equalContentHasAnEqualChecksumWhateverTheBlobsNameOrRegion() {
    world.writeDistinct(a, 1, 6);
    world.writeDistinct(b, 6, 1);

    assertThat(storage.checksum(CALLER, a)).isEqualTo(storage.checksum(CALLER, b));
  }

  @Test
  void emptyBlobsOfTheSameSizeHaveTheSameChecksum() {
    assertThat(storage.checksum(CALLER, a)).isEqualTo(storage.checksum(CALLER, b));
  }

  @Test
  void aSingleChangedByteChangesTheChecksum() {
    world.write(a, 2, block(2));
    byte[] almost = block(2);
    almost[BLOCK_SIZE / 2] ^= 1;
    world.write(b, 2, almost);

    assertThat(storage.checksum(CALLER, a)).isNotEqualTo(storage.checksum(CALLER, b));
  }

  @Test
  void theSameBlockAtAnotherIndexChangesTheChecksum() {
    world.write(a, 2, block(2));
    world.write(b, 3, block(2));

    assertThat(storage.checksum(CALLER, a)).isNotEqualTo(storage.checksum(CALLER, b));
  }

  @Test
  void theSizeIsPartOfTheChecksum() {
    BlobRef bigger = world.blob("steast", "bigger.vhd", 9);
    world.writeDistinct(a, 1);
    world.writeDistinct(bigger, 1);

    assertThat(storage.checksum(CALLER, a)).isNotEqualTo(storage.checksum(CALLER, bigger));

    storage.resizePageBlob(CALLER, bigger, 8L * BLOCK_SIZE);
    assertThat(storage.checksum(CALLER, a)).isEqualTo(storage.checksum(CALLER, bigger));
  }

  @Test
  void unallocatedSpaceAndAnExplicitZeroBlockHaveTheSameChecksum() {
    world.writeDistinct(a, 1);
    world.writeDistinct(b, 1);
    String unwritten = storage.checksum(CALLER, b);

    world.write(b, 4, zeros());
    assertThat(storage.checksum(CALLER, b)).isEqualTo(unwritten);

    world.write(a, 4, block(4));
    world.write(a, 4, zeros());
    assertThat(storage.checksum(CALLER, a)).isEqualTo(unwritten);
  }

  @Test
  void theChecksumFollowsTheContentBackAndForth() {
    String empty = storage.checksum(CALLER, a);
    world.write(a, 0, block(1));
    String written = storage.checksum(CALLER, a);
    world.write(a, 0, block(2));
    world.write(a, 0, block(1));

    assertThat(written).isNotEqualTo(empty);
    assertThat(storage.checksum(CALLER, a)).isEqualTo(written);
  }
}
