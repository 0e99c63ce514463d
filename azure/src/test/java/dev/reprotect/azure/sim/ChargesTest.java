package dev.reprotect.azure.sim;

import static dev.reprotect.azure.sim.SimTestWorld.BLOCK_SIZE;
import static dev.reprotect.azure.sim.SimTestWorld.CALLER;
import static dev.reprotect.azure.sim.SimTestWorld.EAST;
import static dev.reprotect.azure.sim.SimTestWorld.SOUTHEAST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.reprotect.azure.AzureErrorCode;
import dev.reprotect.azure.AzureException;
import dev.reprotect.azure.BlobRef;
import dev.reprotect.azure.Caller;
import dev.reprotect.azure.CallerCosts;
import dev.reprotect.azure.ResourceGroup;
import dev.reprotect.azure.StorageApi;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the simulator charges, asserted on its meters and in simulated time (held by the test),
 * never on the clock: disk reads and writes per blob and region, hashes, copies, ARM's limits.
 */
class ChargesTest {
  private static final Caller HASHER = Caller.of("job-1/hash");
  private static final LatencyModel MODEL = LatencyModel.none();
  private static final long ALLOCATED = 3;

  @TempDir Path dataDir;
  private SimTestWorld world;
  private StorageApi storage;
  private BlobRef east;
  private BlobRef southeast;
  private final AtomicLong now = new AtomicLong();

  @BeforeEach
  void setUp() {
    world = SimTestWorld.in(dataDir);
    storage = world.azure.storage();
    List<BlobRef> pair = world.crossRegionPair("a.vhd", "b.vhd", 8);
    east = pair.get(0);
    southeast = pair.get(1);
    world.writeDistinct(east, 1, 4, 6);
  }

  @AfterEach
  void tearDown() {
    world.close();
  }

  @Test
  void aChecksumReadsAndHashesEachAllocatedBlockOnceWhereItLives() {
    CallerCosts before = costs("");

    storage.checksum(CALLER, east);

    CallerCosts after = costs("");
    long bytes = ALLOCATED * BLOCK_SIZE;
    assertThat(after.bytesReadIn(EAST) - before.bytesReadIn(EAST)).isEqualTo(bytes);
    assertThat(after.bytesReadByBlob()).containsEntry("steast/vhds/a.vhd", bytes);
    assertThat(after.bytesReadIn(SOUTHEAST)).isZero();
    assertThat(after.bytesHashed() - before.bytesHashed()).isEqualTo(bytes);
    assertThat(after.calls("checksum")).isEqualTo(1);
  }

  @Test
  void aHashListIsChargedToItsCallerOnlyAndUnallocatedBlocksCostNothing() {
    storage.blockHashes(HASHER, east, 0, 8, EAST);
    storage.blockHashes(HASHER, southeast, 0, 8, EAST);

    CallerCosts hasher = costs("job-1/");
    assertThat(hasher.bytesReadIn(EAST)).isEqualTo(ALLOCATED * BLOCK_SIZE);
    assertThat(hasher.bytesReadIn(SOUTHEAST)).isZero();
    assertThat(hasher.bytesHashed()).isEqualTo(ALLOCATED * BLOCK_SIZE);
    assertThat(hasher.callsByOperation()).containsOnlyKeys("blockHashes");
    assertThat(hasher.calls()).isEqualTo(2);
    assertThat(costs("job-2/").calls()).isZero();
  }

  @Test
  void aTransferReadsTheSourceAndWritesTheTarget() {
    storage.transferBlocks(HASHER, east, southeast, LongStream.range(0, 8).boxed().toList());

    CallerCosts costs = costs("job-1/");
    long bytes = ALLOCATED * BLOCK_SIZE;
    assertThat(costs.bytesReadByBlob()).containsEntry("steast/vhds/a.vhd", bytes);
    assertThat(costs.bytesWrittenByBlob())
        .containsOnlyKeys("stsoutheast/vhds/b.vhd")
        .containsEntry("stsoutheast/vhds/b.vhd", bytes);
    assertThat(costs.bytesWrittenIn(SOUTHEAST)).isEqualTo(bytes);
    // The sender hashes what it sends, the receiver what arrived.
    assertThat(costs.bytesHashed()).isEqualTo(2 * bytes);
  }

  @Test
  void aTransferWithinARegionReadsAndWritesToo() {
    BlobRef copy = world.blob("steast", "c.vhd", 8);

    storage.transferBlocks(HASHER, east, copy, LongStream.range(0, 8).boxed().toList());

    CallerCosts costs = costs("job-1/");
    assertThat(costs.bytesReadIn(EAST)).isEqualTo(ALLOCATED * BLOCK_SIZE);
    assertThat(costs.bytesWrittenByBlob())
        .containsEntry("steast/vhds/c.vhd", ALLOCATED * BLOCK_SIZE);
  }

  @Test
  void writingABlockOfZerosClearsItWithoutWritingBytes() {
    storage.writeBlock(HASHER, east, 1, SimTestWorld.zeros());
    storage.writeBlock(HASHER, east, 2, SimTestWorld.block(2));

    CallerCosts costs = costs("job-1/");
    assertThat(costs.bytesWrittenIn(EAST)).isEqualTo(BLOCK_SIZE);
    assertThat(costs.calls("writeBlock")).isEqualTo(2);
  }

  @Test
  void aCopyToAnotherAccountOfTheRegionTakesTheCopyRateAndItsDelay() {
    world.account("steast2", EAST);
    BlobRef copy = new BlobRef("steast2", "vhds", "copy.vhd");

    storage.copyBlob(HASHER, east, copy);

    CallerCosts costs = costs("job-1/");
    long bytes = ALLOCATED * BLOCK_SIZE;
    assertThat(costs.bytesReadIn(EAST)).isEqualTo(bytes);
    assertThat(costs.bytesWrittenIn(EAST)).isEqualTo(bytes);
    assertThat(costs.modelledSeconds())
        .isCloseTo(seconds(MODEL.delayOf("copyBlob").plus(MODEL.copyTime(bytes))), within(1e-9));
    assertThat(storage.checksum(CALLER, copy)).isEqualTo(storage.checksum(CALLER, east));
  }

  @Test
  void aCopyWithinOneAccountMovesNoBytesAndTakesItsDelayOnly() {
    BlobRef copy = new BlobRef("steast", "seeds", "copy.vhd");

    storage.copyBlob(HASHER, east, copy);

    CallerCosts costs = costs("job-1/");
    assertThat(costs.bytesReadIn(EAST)).isZero();
    assertThat(costs.bytesWrittenIn(EAST)).isZero();
    assertThat(costs.modelledSeconds()).isCloseTo(seconds(MODEL.delayOf("copyBlob")), within(1e-9));
    // The copy holds the source's bytes, read back from where they live.
    for (long block = 0; block < 8; block++) {
      assertThat(storage.readBlock(CALLER, copy, block))
          .isEqualTo(storage.readBlock(CALLER, east, block));
    }
    // And it is a blob of its own: a write to it leaves the source as it was.
    byte[] before = storage.readBlock(CALLER, east, 0);
    storage.writeBlock(CALLER, copy, 0, SimTestWorld.block(99));
    assertThat(storage.readBlock(CALLER, east, 0)).isEqualTo(before);
  }

  @Test
  void twoReadsOfOneBlobQueueWhileReadsOfTwoBlobsOverlap() {
    world.writeDistinct(southeast, 1, 4, 6);
    world.azure.holdingTime(now::get);
    Duration read = MODEL.diskTime(ALLOCATED * BLOCK_SIZE);
    Duration call = MODEL.delayOf("blockHashes");

    storage.blockHashes(Caller.of("first"), east, 0, 8, EAST);
    storage.blockHashes(Caller.of("second"), east, 0, 8, EAST);
    storage.blockHashes(Caller.of("other-blob"), southeast, 0, 8, SOUTHEAST);

    assertThat(costs("first").modelledSeconds()).isCloseTo(seconds(call.plus(read)), within(1e-9));
    assertThat(costs("second").modelledSeconds())
        .isCloseTo(seconds(call.plus(read).plus(read)), within(1e-9));
    assertThat(costs("other-blob").modelledSeconds())
        .isCloseTo(seconds(call.plus(read)), within(1e-9));
  }

  /**
   * A shipment stages blocks into a blob of the cache account while it ships earlier ones out of
   * it: at one simulated instant, each call's delay is its own (calls overlap), but the staging
   * blob's write and its read share its one throughput, so the second call's bytes wait for the
   * first's.
   */
  @Test
  void callsAtOnceOverlapTheirDelaysButTheBytesOfOneBlobQueue() {
    world.azure.holdingTime(now::get);
    BlobRef staging = world.blob("steast", "staging.vhd", 8);
    List<Long> blocks = LongStream.range(0, 8).boxed().toList();
    Duration bytes = MODEL.diskTime(ALLOCATED * BLOCK_SIZE);
    Duration call = MODEL.delayOf("transferBlocks");

    storage.transferBlocks(Caller.of("stage"), east, staging, blocks);
    storage.transferBlocks(Caller.of("ship"), staging, southeast, blocks);

    assertThat(costs("stage").modelledSeconds()).isCloseTo(seconds(call.plus(bytes)), within(1e-9));
    assertThat(costs("ship").modelledSeconds())
        .isCloseTo(seconds(call.plus(bytes).plus(bytes)), within(1e-9));
  }

  @Test
  void theDiskIsFreeAgainOnceSimulatedTimeHasPassedItsQueue() {
    world.azure.holdingTime(now::get);
    storage.blockHashes(Caller.of("first"), east, 0, 8, EAST);
    now.addAndGet(Duration.ofSeconds(1).toNanos());

    storage.blockHashes(Caller.of("later"), east, 0, 8, EAST);

    assertThat(costs("later").modelledSeconds()).isEqualTo(costs("first").modelledSeconds());
  }

  @Test
  void theRead251stWithinASimulatedSecondIsThrottledWithARetryAfter() {
    world.azure.holdingTime(now::get);
    for (int read = 0; read < 250; read++) {
      world.azure.resources().region(EAST);
    }

    assertThatThrownBy(() -> world.azure.resources().region(EAST))
        .isInstanceOfSatisfying(
            AzureException.class,
            e -> {
              assertThat(e.code()).isEqualTo(AzureErrorCode.TooManyRequests);
              assertThat(e.isTransient()).isTrue();
              assertThat(e.retryAfter()).isPresent();
              assertThat(e.getMessage()).contains("retry after 40 ms of simulated time");
            });
    assertThat(costs("").throttledCalls()).isEqualTo(1);
    assertThat(costs("").calls("region")).isEqualTo(250);

    now.addAndGet(Duration.ofMillis(40).toNanos());
    assertThat(world.azure.resources().region(EAST)).isPresent();
  }

  @Test
  void writesAndDeletesHaveBucketsOfTheirOwnAndBlobCallsNone() {
    world.azure.holdingTime(now::get);
    for (int write = 0; write < 200; write++) {
      world.azure.resources().createResourceGroup(CALLER, new ResourceGroup("rg-" + write, EAST));
    }

    assertThatThrownBy(
            () ->
                world
                    .azure
                    .resources()
                    .createResourceGroup(CALLER, new ResourceGroup("rg-over", EAST)))
        .isInstanceOfSatisfying(
            AzureException.class,
            e -> assertThat(e.code()).isEqualTo(AzureErrorCode.TooManyRequests));
    world.azure.network().deleteVirtualNetwork(CALLER, "rg-0", "gone");
    world.azure.resources().region(EAST);
    storage.writeBlock(CALLER, east, 2, SimTestWorld.block(2));
    assertThat(costs(CALLER.correlationId()).throttledCalls()).isEqualTo(1);
  }

  @Test
  void theDefaultScaleNeverThrottles() {
    for (int read = 0; read < 1_000; read++) {
      world.azure.resources().region(EAST);
    }

    assertThat(costs("").throttledCalls()).isZero();
  }

  private CallerCosts costs(String prefix) {
    return world.azure.metering().costsBy(prefix);
  }

  private static double seconds(Duration duration) {
    return duration.toNanos() / 1e9;
  }
}
