package dev.reprotect.azure.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LatencyModelTest {
  @Test
  void theDefaultModelChargesTheReferenceFiguresAndWaitsForNone() {
    LatencyModel none = LatencyModel.none();

    assertThat(none.delayOf("powerOff")).isEqualTo(Duration.ofMinutes(1));
    assertThat(none.scaled(none.delayOf("powerOff"))).isZero();
    assertThat(none.scaled(none.diskTime(1L << 30))).isZero();
  }

  @Test
  void waitsFollowTheTimeScale() {
    LatencyModel real = LatencyModel.reference(1, 60);
    LatencyModel fast = LatencyModel.reference(0.001, 60);

    assertThat(real.scaled(real.delayOf("powerOff"))).isEqualTo(Duration.ofMinutes(1));
    assertThat(fast.scaled(fast.delayOf("powerOff"))).isEqualTo(Duration.ofMillis(60));
    assertThat(real.diskTime(60_000_000)).isEqualTo(Duration.ofSeconds(1));
    assertThat(fast.scaled(fast.diskTime(60_000_000))).isEqualTo(Duration.ofMillis(1));
    assertThat(fast.scaled(Duration.ofSeconds(30))).isEqualTo(Duration.ofMillis(30));
  }

  @Test
  void aFasterDiskMovesTheSameBytesSooner() {
    assertThat(LatencyModel.reference(1, LatencyModel.PREMIUM_DISK_MBPS).diskTime(1L << 30))
        .isLessThan(LatencyModel.reference(1, LatencyModel.STANDARD_DISK_MBPS).diskTime(1L << 30));
  }

  @Test
  void aCopyWithinARegionRunsAtTheStorageCopyRate() {
    assertThat(LatencyModel.none().copyTime(250_000_000)).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void aPageRangeListingCostsOneCallLikeAHashList() {
    LatencyModel reference = LatencyModel.reference(1, 60);

    assertThat(reference.delayOf("pageRanges"))
        .isEqualTo(reference.delayOf("pageRangesDiff"))
        .isEqualTo(reference.delayOf("blockHashes"))
        .isPositive();
  }

  @Test
  void aGetAListASnapshotAndAHoldEachHaveTheirOwnDelay() {
    LatencyModel reference = LatencyModel.reference(1, 60);

    assertThat(reference.delayOf("virtualMachine")).isEqualTo(LatencyModel.GET);
    assertThat(reference.delayOf("recoveryPoints")).isEqualTo(LatencyModel.LIST);
    assertThat(reference.delayOf("blob")).isEqualTo(LatencyModel.BLOB_GET);
    assertThat(reference.delayOf("readBlock")).isEqualTo(LatencyModel.PAGE_REQUEST);
    assertThat(reference.delayOf("snapshotBlob"))
        .isEqualTo(LatencyModel.SNAPSHOT)
        .isGreaterThan(LatencyModel.LIST);
    assertThat(reference.delayOf("holdWrites")).isGreaterThan(reference.delayOf("snapshotBlob"));
    assertThat(reference.delayOf("guestAgentTimeout")).isEqualTo(LatencyModel.GUEST_AGENT_TIMEOUT);
  }

  @Test
  void aNegativeScaleIsRefused() {
    assertThatThrownBy(() -> LatencyModel.reference(-1, 60))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** The reconciler lists every vault: a list, of ARM's read bucket, with a list's delay. */
  @Test
  void theListOfVaultsIsAReadWithAListsDelay() {
    assertThat(RequestKind.of("vaults")).isEqualTo(RequestKind.READ);
    assertThat(LatencyModel.none().delayOf("vaults"))
        .isEqualTo(LatencyModel.none().delayOf("replicatedItems"))
        .isPositive();
  }
}
