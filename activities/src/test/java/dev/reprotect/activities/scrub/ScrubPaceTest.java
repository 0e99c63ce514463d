package dev.reprotect.activities.scrub;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A scrub takes its share of the disk's throughput: it reads a range, then leaves the disk. */
class ScrubPaceTest {
  @Test
  void afterARangeTheScrubStaysOffTheDiskSoThatItReadsAtItsShareOfTheThroughput() {
    Duration read = Duration.ofSeconds(4);

    Duration pause = ScrubActivitiesImpl.pauseAfter(read);

    assertThat(ScrubActivitiesImpl.DISK_SHARE).isEqualTo(0.25);
    assertThat(read.toNanos() / (double) read.plus(pause).toNanos())
        .isEqualTo(ScrubActivitiesImpl.DISK_SHARE);
    assertThat(ScrubActivitiesImpl.pauseAfter(Duration.ZERO)).isZero();
  }
}
