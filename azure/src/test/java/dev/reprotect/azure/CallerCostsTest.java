package dev.reprotect.azure;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A job's costs travel in workflow results: as JSON, they hold their fields and nothing else. */
class CallerCostsTest {
  private static final CallerCosts COSTS =
      new CallerCosts(
          Map.of("eastasia", 8L),
          Map.of("southeastasia", 4L),
          Map.of("st/vhds/a.vhd", 8L),
          Map.of("se/vhds/b.vhd", 4L),
          12,
          Map.of("blockHashes", 2L),
          1,
          0.25);

  @Test
  void aRoundTripThroughJsonKeepsEveryFieldAndAddsNone() throws Exception {
    ObjectMapper strict =
        new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    String json = strict.writeValueAsString(COSTS);

    assertThat(strict.readValue(json, CallerCosts.class)).isEqualTo(COSTS);
    assertThat(strict.readTree(json).size()).isEqualTo(8);
  }

  @Test
  void totalsSumTheRegionsAndOperations() {
    assertThat(COSTS.bytesRead()).isEqualTo(8);
    assertThat(COSTS.bytesWritten()).isEqualTo(4);
    assertThat(COSTS.calls()).isEqualTo(2);
    assertThat(COSTS.calls("checksum")).isZero();
    assertThat(COSTS.bytesReadIn("southeastasia")).isZero();
  }

  @Test
  void whatWasChargedSinceAnEarlierReadingIsTheDifferenceOfEachMeter() {
    CallerCosts earlier =
        new CallerCosts(
            Map.of("eastasia", 3L),
            Map.of("southeastasia", 4L),
            Map.of("st/vhds/a.vhd", 3L),
            Map.of("se/vhds/b.vhd", 4L),
            2,
            Map.of("blockHashes", 1L),
            0,
            0.125);

    CallerCosts since = COSTS.minus(earlier);

    assertThat(since)
        .isEqualTo(
            new CallerCosts(
                Map.of("eastasia", 5L),
                Map.of(),
                Map.of("st/vhds/a.vhd", 5L),
                Map.of(),
                10,
                Map.of("blockHashes", 1L),
                1,
                0.125));
  }
}
