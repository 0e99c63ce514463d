package dev.reprotect.activities.resume;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reprotect.activities.replication.ItemRef;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** When the reconciler starts a scrub: by the item's last scrub and its policy's interval. */
class SweptItemTest {
  private static final ItemRef ITEM = new ItemRef("contoso", "web-01");
  private static final Instant NOW = Instant.parse("2030-01-08T00:00:00Z");

  @Test
  void aScrubIsDueOnceTheIntervalHasPassedSinceTheLastOrWhenThereWasNone() {
    assertThat(new SweptItem(ITEM, true, null, 7, false).scrubDue(NOW)).isTrue();
    assertThat(new SweptItem(ITEM, true, NOW.minus(Duration.ofDays(7)), 7, false).scrubDue(NOW))
        .isTrue();
    assertThat(
            new SweptItem(ITEM, true, NOW.minus(Duration.ofDays(7)).plusSeconds(1), 7, false)
                .scrubDue(NOW))
        .isFalse();
  }

  @Test
  void aScrubThatFailedIsTriedAgainAnHourLaterNotAWholeIntervalLater() {
    Instant failed = NOW.minus(Duration.ofHours(1));
    assertThat(new SweptItem(ITEM, true, failed, 7, true).scrubDue(NOW)).isTrue();
    assertThat(new SweptItem(ITEM, true, failed.plusSeconds(1), 7, true).scrubDue(NOW)).isFalse();
    assertThat(new SweptItem(ITEM, true, failed, 7, false).scrubDue(NOW))
        .as("after a scrub that finished, the interval")
        .isFalse();
  }

  @Test
  void noScrubIsDueWhenThePolicySaysNeverOrTheItemDoesNotReplicate() {
    assertThat(new SweptItem(ITEM, true, null, 0, false).scrubDue(NOW)).isFalse();
    assertThat(new SweptItem(ITEM, false, null, 7, false).scrubDue(NOW)).isFalse();
  }
}
