package dev.reprotect.azure.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LatencyModelTest {
  @Test
  void theDefaultModelTakesNoTime() {
    LatencyModel none = LatencyModel.none();

    assertThat(none.delayBefore("powerOff")).isZero();
    assertThat(none.timeToMove(1L << 30)).isZero();
  }

  @Test
  void delaysAndTransfersFollowTheTimeScale() {
    LatencyModel real = LatencyModel.reference(1, 60);
    LatencyModel fast = LatencyModel.reference(0.001, 60);

    assertThat(real.delayBefore("powerOff")).isEqualTo(Duration.ofMinutes(1));
    assertThat(fast.delayBefore("powerOff")).isEqualTo(Duration.ofMillis(60));
    assertThat(real.timeToMove(60_000_000)).isEqualTo(Duration.ofSeconds(1));
    assertThat(fast.timeToMove(60_000_000)).isEqualTo(Duration.ofMillis(1));
    assertThat(fast.scaled(Duration.ofSeconds(30))).isEqualTo(Duration.ofMillis(30));
  }

  @Test
  void aFasterDiskMovesTheSameBytesSooner() {
    assertThat(LatencyModel.reference(1, 200).timeToMove(1L << 30))
        .isLessThan(LatencyModel.reference(1, 60).timeToMove(1L << 30));
  }

  @Test
  void aPageRangeListingCostsOneCallLikeAHashList() {
    LatencyModel reference = LatencyModel.reference(1, 60);

    assertThat(reference.delayBefore("pageRanges"))
        .isEqualTo(reference.delayBefore("pageRangesDiff"))
        .isEqualTo(reference.delayBefore("blockHashes"))
        .isPositive();
  }

  @Test
  void anOperationWithoutADelayIsFree() {
    assertThat(LatencyModel.reference(1, 60).delayBefore("readBlock")).isZero();
  }

  @Test
  void aNegativeScaleIsRefused() {
    assertThatThrownBy(() -> LatencyModel.reference(-1, 60))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
