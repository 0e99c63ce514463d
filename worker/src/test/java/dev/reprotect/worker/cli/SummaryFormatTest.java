package dev.reprotect.worker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reprotect.workflows.reprotect.DiskSummary;
import dev.reprotect.workflows.reprotect.ReprotectSummary;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The job's summary for people: the bytes sent across regions as the backend metered them. */
class SummaryFormatTest {
  private static final long MIB = 1L << 20;
  private static final String OS_CHECKSUM = "a1".repeat(32);
  private static final String DATA_CHECKSUM = "b2".repeat(32);
  private static final List<DiskSummary> DISKS = List.of(
      new DiskSummary("web-01-osdisk", 1024 * MIB, 256 * MIB, 240 * MIB, 16 * MIB, OS_CHECKSUM,
          OS_CHECKSUM),
      new DiskSummary("web-01-data0", 1024 * MIB, 256 * MIB, 240 * MIB, 13 * MIB, DATA_CHECKSUM,
          DATA_CHECKSUM));

  private static String printed(long metered) {
    ReprotectSummary summary = new ReprotectSummary("contoso", "web-01", "southeastasia",
        "eastasia", "Protected", List.of(), DISKS, 1, 4_200, "3c1f0b9e5a7d", metered);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    HumanFormat.summary(summary, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void theMeteredFigureIsTheOneShownEvenWhenAttemptsSentMoreThanTheSyncsCounted() {
    assertThat(printed(40 * MIB)).contains("Sent across regions: 40.0 MiB for 512.0 MiB")
        .doesNotContain("as the syncs counted");
  }

  @Test
  void aJobThatEndedBeforeTheMeterWasReadShowsWhatItsSyncsCountedAndSaysSo() {
    assertThat(printed(0)).contains("Sent across regions: 29.0 MiB (as the syncs counted");
  }
}
