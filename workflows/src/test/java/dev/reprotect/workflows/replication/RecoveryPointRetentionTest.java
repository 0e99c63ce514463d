package dev.reprotect.workflows.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reprotect.azure.RecoveryPointType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RecoveryPointRetentionTest {
  private static final Instant MIDNIGHT = Instant.parse("2030-01-10T00:00:00Z");

  /** A crash-consistent point aged {@code age} at MIDNIGHT. */
  private static RecoveryPointInfo aged(Duration age) {
    return aged(age, RecoveryPointType.CrashConsistent);
  }

  /** Points every {@code step} from MIDNIGHT back to {@code oldest}. */
  private static List<RecoveryPointInfo> every(Duration step, Duration oldest) {
    return IntStream.rangeClosed(0, (int) (oldest.toMinutes() / step.toMinutes()))
        .mapToObj(i -> aged(step.multipliedBy(i)))
        .toList();
  }

  private static List<RecoveryPointInfo> kept(List<RecoveryPointInfo> points, int days) {
    List<RecoveryPointInfo> expired = RecoveryPointRetention.expired(points, MIDNIGHT, days);
    return points.stream().filter(p -> !expired.contains(p)).toList();
  }

  /** A point aged {@code age} at MIDNIGHT, of {@code type}. */
  private static RecoveryPointInfo aged(Duration age, RecoveryPointType type) {
    return new RecoveryPointInfo("p-" + age + "-" + type, MIDNIGHT.minus(age), type, "c-" + age);
  }

  @Test
  void everyPointOfTheLastTwoHoursIsKeptWhateverTheRetentionAboveZero() {
    List<RecoveryPointInfo> points = every(Duration.ofMinutes(5), Duration.ofHours(2));
    for (int days : List.of(1, 7, 15)) {
      assertThat(RecoveryPointRetention.expired(points, MIDNIGHT, days)).isEmpty();
    }
  }

  @Test
  void retentionZeroKeepsTheNewestPointOnly() {
    List<RecoveryPointInfo> points = every(Duration.ofMinutes(5), Duration.ofHours(3));
    assertThat(kept(points, 0)).containsExactly(aged(Duration.ZERO));
    assertThat(kept(List.of(aged(Duration.ofHours(3))), 0)).hasSize(1);
    assertThat(RecoveryPointRetention.expired(List.of(), MIDNIGHT, 0)).isEmpty();
  }

  @Test
  void anAppConsistentPointIsKeptInPreferenceToNewerCrashConsistentOnes() {
    // The hour 21:00-22:00: an app-consistent point at 21:05 and crash-consistent ones after.
    RecoveryPointInfo app = aged(Duration.ofMinutes(175), RecoveryPointType.AppConsistent);
    RecoveryPointInfo olderApp = aged(Duration.ofMinutes(178), RecoveryPointType.AppConsistent);
    List<RecoveryPointInfo> points =
        List.of(olderApp, app, aged(Duration.ofMinutes(170)), aged(Duration.ofMinutes(125)));
    for (int days : List.of(1, 7, 15)) {
      assertThat(kept(points, days)).as("%d days", days).containsExactly(app);
    }
  }

  @Test
  void appConsistentPointsOlderThanTwoHoursOutliveTheirBucketsCrashConsistentOnes() {
    // A day of points every 5 min, app-consistent on the hour: each hour keeps its hh:00.
    List<RecoveryPointInfo> points =
        IntStream.rangeClosed(0, 24 * 12)
            .mapToObj(
                i ->
                    aged(
                        Duration.ofMinutes(5L * i),
                        i % 12 == 0
                            ? RecoveryPointType.AppConsistent
                            : RecoveryPointType.CrashConsistent))
            .toList();
    List<RecoveryPointInfo> kept = kept(points, 1);
    assertThat(kept)
        .filteredOn(p -> Duration.between(p.time(), MIDNIGHT).toMinutes() > 120)
        .allMatch(p -> p.type() == RecoveryPointType.AppConsistent)
        .extracting(p -> Duration.between(p.time(), MIDNIGHT).toHours())
        .containsExactlyElementsOf(IntStream.rangeClosed(3, 24).mapToObj(h -> (long) h).toList());
  }

  @Test
  void theFirstTableKeptTheNewestOfEachBucketAndTwoHoursAtRetentionZero() {
    RecoveryPointInfo app = aged(Duration.ofMinutes(175), RecoveryPointType.AppConsistent);
    RecoveryPointInfo newest = aged(Duration.ofMinutes(170));
    assertThat(RecoveryPointRetention.firstTable(List.of(app, newest), MIDNIGHT, 1))
        .containsExactly(app);
    List<RecoveryPointInfo> points = every(Duration.ofMinutes(30), Duration.ofHours(3));
    assertThat(RecoveryPointRetention.firstTable(points, MIDNIGHT, 0))
        .extracting(p -> Duration.between(p.time(), MIDNIGHT).toMinutes())
        .containsExactly(150L, 180L);
  }

  @Test
  void oneDayKeepsTheNewestPointOfEachClockHour() {
    // Beyond 2 h, points at 21:55, 21:50 ... of the previous day: 21:55 is its hour's newest.
    List<RecoveryPointInfo> kept = kept(every(Duration.ofMinutes(5), Duration.ofHours(30)), 1);
    assertThat(kept)
        .filteredOn(p -> Duration.between(p.time(), MIDNIGHT).toMinutes() > 120)
        .extracting(p -> Duration.between(p.time(), MIDNIGHT).toMinutes())
        // ages 125 (21:55) to 1385 (00:55): one per hour, 22 in all; none past 24 h
        .containsExactlyElementsOf(
            IntStream.rangeClosed(2, 23).mapToObj(h -> 60L * h + 5).toList());
  }

  @Test
  void twoToSevenDaysKeepOnePointPerTwoClockHours() {
    List<RecoveryPointInfo> kept = kept(every(Duration.ofMinutes(30), Duration.ofDays(8)), 7);
    // Newest of each even-hour bucket: xx:30 of the odd hour before; ages 150, 270, ... min.
    assertThat(kept)
        .filteredOn(p -> Duration.between(p.time(), MIDNIGHT).toMinutes() > 120)
        .extracting(p -> Duration.between(p.time(), MIDNIGHT).toMinutes())
        .containsExactlyElementsOf(IntStream.range(1, 84).mapToObj(i -> 120L * i + 30).toList());
  }

  @Test
  void eightToFifteenDaysThinOutToOnePerFourHoursAfterAWeek() {
    List<RecoveryPointInfo> kept = kept(every(Duration.ofHours(1), Duration.ofDays(16)), 15);
    List<Long> agesInHours =
        kept.stream().map(p -> Duration.between(p.time(), MIDNIGHT).toHours()).toList();
    // Up to 7 days: the odd hours (newest of each 2-hour bucket) 3, 5, ... 167.
    assertThat(agesInHours)
        .filteredOn(h -> h > 2 && h <= 168)
        .containsExactlyElementsOf(IntStream.rangeClosed(1, 83).mapToObj(i -> 2L * i + 1).toList());
    // Beyond: the newest of each 4-hour bucket, ages 169, 173, ... 357; nothing past 360 h.
    assertThat(agesInHours)
        .filteredOn(h -> h > 168)
        .containsExactlyElementsOf(
            IntStream.rangeClosed(0, 47).mapToObj(i -> 169L + 4 * i).toList());
  }

  @Test
  void theNewestPointOfABucketStaysKeptAsItAges() {
    RecoveryPointInfo newest = aged(Duration.ofMinutes(185));
    RecoveryPointInfo older = aged(Duration.ofMinutes(200));
    assertThat(RecoveryPointRetention.expired(List.of(older, newest), MIDNIGHT, 1))
        .containsExactly(older);
    assertThat(
            RecoveryPointRetention.expired(List.of(newest), MIDNIGHT.plus(Duration.ofHours(20)), 1))
        .isEmpty();
  }

  @Test
  void aRetentionOutsideZeroToFifteenDaysIsRefused() {
    assertThatThrownBy(() -> RecoveryPointRetention.expired(List.of(), MIDNIGHT, 16))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RecoveryPointRetention.firstTable(List.of(), MIDNIGHT, -1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
