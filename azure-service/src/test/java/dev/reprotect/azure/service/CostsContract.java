package dev.reprotect.azure.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.reprotect.azure.AzureErrorCode;
import dev.reprotect.azure.AzureException;
import dev.reprotect.azure.BlobRef;
import dev.reprotect.azure.Caller;
import dev.reprotect.azure.CallerCosts;
import dev.reprotect.azure.sim.LatencyModel;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every backend charges and meters (disk bytes per region and blob, hashes, calls, modelled
 * time, ARM's request limits), read back per job run through the correlation ids; written once and
 * run in-process and over HTTP like {@link AzureBackendContract}. Simulated time is held by the
 * test: nothing here depends on the clock.
 */
abstract class CostsContract extends BackendContractBase {
  private static final LatencyModel MODEL = LatencyModel.none();
  private static final String RUN = "reprotect.contoso.web-01/run-1/";
  private static final long ALLOCATED = 3;

  private final AtomicLong now = new AtomicLong();
  private BlobRef east;
  private BlobRef southeast;

  @BeforeEach
  void twoDisksAcrossThePair() {
    account("steast", RG_EAST, EAST);
    account("stse", RG_SE, SOUTHEAST);
    east = new BlobRef("steast", "vhds", "a.vhd");
    southeast = new BlobRef("stse", "vhds", "b.vhd");
    for (BlobRef disk : new BlobRef[] {east, southeast}) {
      azure.storage().createPageBlob(CALLER, disk, 8L * BLOCK_SIZE);
    }
    for (long index : new long[] {1, 4, 6}) {
      azure.storage().writeBlock(CALLER, east, index, block(index));
    }
  }

  @Test
  void aChecksumMetersTheAllocatedBytesItReadAndHashedOnTheBlobsRegion() {
    CallerCosts before = azure.metering().costsBy("");

    azure.storage().checksum(CALLER, east);

    CallerCosts after = azure.metering().costsBy("");
    long bytes = ALLOCATED * BLOCK_SIZE;
    assertThat(after.bytesReadIn(EAST) - before.bytesReadIn(EAST)).isEqualTo(bytes);
    assertThat(after.bytesReadByBlob()).containsEntry("steast/vhds/a.vhd", bytes);
    assertThat(after.bytesReadIn(SOUTHEAST)).isZero();
    assertThat(after.bytesHashed() - before.bytesHashed()).isEqualTo(bytes);
  }

  @Test
  void aJobRunsCostsAreReadThroughItsCorrelationIdPrefix() {
    Caller hashes = Caller.of(RUN + "InitialSync/7#1");
    Caller sends = Caller.of(RUN + "InitialSync/7#2");

    azure.storage().blockHashes(hashes, east, 0, 8, EAST);
    azure.storage().transferBlocks(sends, east, southeast, LongStream.range(0, 8).boxed().toList());

    CallerCosts run = azure.metering().costsBy(RUN);
    long bytes = ALLOCATED * BLOCK_SIZE;
    assertThat(run.bytesReadByRegion()).containsOnlyKeys(EAST).containsEntry(EAST, 2 * bytes);
    assertThat(run.bytesWrittenByBlob())
        .containsOnlyKeys("stse/vhds/b.vhd")
        .containsEntry("stse/vhds/b.vhd", bytes);
    assertThat(run.bytesHashed()).isEqualTo(3 * bytes);
    assertThat(run.callsByOperation())
        .containsEntry("blockHashes", 1L)
        .containsEntry("transferBlocks", 1L)
        .hasSize(2);
    assertThat(run.throttledCalls()).isZero();
    assertThat(azure.metering().costsBy("reprotect.contoso.web-01/run-2/").calls()).isZero();
  }

  @Test
  void aJobRunSeesTheBytesOfItsChecksumsBlockReadsAndPageRanges() {
    Caller verifies = Caller.of(RUN + "ShipCut/9#1");
    BlobRef snapshot =
        azure
            .storage()
            .snapshotBlob(CALLER, east, new BlobRef("steast", "cuts", "a.1.vhd"), Map.of())
            .ref();

    azure.storage().checksum(verifies, east);
    azure.storage().readBlock(verifies, east, 4);
    azure.storage().pageRanges(verifies, east, 0, 8, 10);
    azure.storage().pageRangesDiff(verifies, east, snapshot, 0, 8, 10);

    CallerCosts run = azure.metering().costsBy(RUN);
    long checksummed = ALLOCATED * BLOCK_SIZE;
    assertThat(run.bytesReadByBlob())
        .containsOnlyKeys("steast/vhds/a.vhd")
        .containsEntry("steast/vhds/a.vhd", checksummed + BLOCK_SIZE);
    assertThat(run.bytesHashed()).isEqualTo(checksummed);
    assertThat(run.callsByOperation())
        .containsEntry("checksum", 1L)
        .containsEntry("readBlock", 1L)
        .containsEntry("pageRanges", 1L)
        .containsEntry("pageRangesDiff", 1L)
        .hasSize(4);
  }

  @Test
  void twoReadsOfOneBlobAreSerializedInModelledTimeWhileTwoBlobsOverlap() {
    for (long index : new long[] {1, 4, 6}) {
      azure.storage().writeBlock(CALLER, southeast, index, block(index));
    }
    sim.holdingTime(now::get);
    Duration read = MODEL.diskTime(ALLOCATED * BLOCK_SIZE);
    Duration call = MODEL.delayOf("blockHashes");

    azure.storage().blockHashes(Caller.of(RUN + "first"), east, 0, 8, EAST);
    azure.storage().blockHashes(Caller.of(RUN + "second"), east, 0, 8, EAST);
    azure.storage().blockHashes(Caller.of(RUN + "other"), southeast, 0, 8, SOUTHEAST);

    assertThat(modelledSeconds(RUN + "first")).isCloseTo(seconds(call.plus(read)), within(1e-9));
    assertThat(modelledSeconds(RUN + "second"))
        .isCloseTo(seconds(call.plus(read).plus(read)), within(1e-9));
    assertThat(modelledSeconds(RUN + "other")).isCloseTo(seconds(call.plus(read)), within(1e-9));
  }

  @Test
  void the251stReadWithinASimulatedSecondIsTooManyRequestsWithARetryAfter() {
    sim.holdingTime(now::get);
    for (int read = 0; read < 250; read++) {
      azure.resources().resourceGroup(RG_EAST);
    }

    assertThatThrownBy(() -> azure.resources().resourceGroup(RG_EAST))
        .isInstanceOfSatisfying(
            AzureException.class,
            e -> {
              assertThat(e.code()).isEqualTo(AzureErrorCode.TooManyRequests);
              assertThat(e.retryAfter()).isPresent();
            });
    assertThat(azure.metering().costsBy("").throttledCalls()).isEqualTo(1);

    now.addAndGet(Duration.ofMillis(40).toNanos());
    assertThat(azure.resources().resourceGroup(RG_EAST)).isPresent();
  }

  private double modelledSeconds(String prefix) {
    return azure.metering().costsBy(prefix).modelledSeconds();
  }

  private static double seconds(Duration duration) {
    return duration.toNanos() / 1e9;
  }
}
