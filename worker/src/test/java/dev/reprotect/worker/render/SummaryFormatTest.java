package dev.reprotect.worker.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reprotect.activities.sync.SideMeters;
import dev.reprotect.azure.CallerCosts;
import dev.reprotect.azure.ItemLifecycle;
import dev.reprotect.azure.RecoveryPointType;
import dev.reprotect.workflows.failover.FailoverSummary;
import dev.reprotect.workflows.reprotect.DiskSummary;
import dev.reprotect.workflows.reprotect.ProtectionSummary;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The jobs' summaries for people: what the backend metered, across regions and on each side. */
class SummaryFormatTest {
  private static final long MIB = 1L << 20;
  private static final String OS_CHECKSUM = "a1".repeat(32);
  private static final String DATA_CHECKSUM = "b2".repeat(32);
  private static final List<DiskSummary> DISKS =
      List.of(
          new DiskSummary(
              "web-01-osdisk",
              1024 * MIB,
              256 * MIB,
              240 * MIB,
              16 * MIB,
              OS_CHECKSUM,
              OS_CHECKSUM,
              "full-compare",
              "NoLineage",
              null,
              null),
          new DiskSummary(
              "web-01-data0",
              1024 * MIB,
              256 * MIB,
              240 * MIB,
              13 * MIB,
              DATA_CHECKSUM,
              DATA_CHECKSUM,
              "changed-blocks",
              "LineageHolds",
              new SideMeters(3 * MIB, 0, 13 * MIB),
              3 * MIB));

  private static String printed(long metered) {
    return printed(metered, null);
  }

  private static String printed(long metered, CallerCosts meters) {
    ProtectionSummary summary =
        new ProtectionSummary(
            "contoso",
            "web-01",
            "southeastasia",
            "eastasia",
            "Protected",
            List.of(),
            DISKS,
            1,
            4_200,
            "3c1f0b9e5a7d",
            metered,
            meters);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    HumanFormat.summary(summary, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void theMeteredFigureIsTheOneShownEvenWhenAttemptsSentMoreThanTheSyncsCounted() {
    assertThat(printed(40 * MIB))
        .contains("Sent across regions: 40.0 MiB for 512.0 MiB")
        .doesNotContain("as the syncs counted");
  }

  @Test
  void aJobThatEndedBeforeTheMeterWasReadShowsWhatItsSyncsCountedAndSaysSo() {
    assertThat(printed(0)).contains("Sent across regions: 29.0 MiB (as the syncs counted");
  }

  @Test
  void eachSidesMetersAreShownUnderItsRegion() {
    CallerCosts meters =
        new CallerCosts(
            Map.of("southeastasia", 512 * MIB, "eastasia", 32 * MIB),
            Map.of("eastasia", 29 * MIB),
            Map.of(),
            Map.of(),
            544 * MIB,
            Map.of("blockHashes", 4L, "transferBlocks", 2L),
            1,
            93.5);

    assertThat(printed(29 * MIB, meters))
        .contains("source   southeastasia     512.0 MiB        0 B")
        .contains("target   eastasia           32.0 MiB   29.0 MiB")
        .contains(
            "Hashed 544.0 MiB; 6 calls (blockHashes 4, transferBlocks 2); 1 throttled; "
                + "93.5 s modelled.");
  }

  @Test
  void aJobEndedBeforeTheSidesWereMeteredShowsNoMeters() {
    assertThat(printed(40 * MIB)).doesNotContain("Metered by the backend");
  }

  @Test
  void aFailoversMetersAreShownRegionByRegion() {
    CallerCosts meters =
        new CallerCosts(
            Map.of("southeastasia", 8 * MIB),
            Map.of("eastasia", 8 * MIB),
            Map.of(),
            Map.of(),
            8 * MIB,
            Map.of("transferBlocks", 2L),
            0,
            61.5);
    FailoverSummary summary =
        new FailoverSummary(
            "contoso",
            "web-01",
            ItemLifecycle.Failover,
            "FailedOver",
            "eastasia",
            "f1.p",
            RecoveryPointType.CrashConsistent,
            Instant.EPOCH,
            List.of(),
            null,
            9_000,
            meters);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    FailoverFormat.summary(summary, new PrintStream(bytes, true, StandardCharsets.UTF_8));

    assertThat(bytes.toString(StandardCharsets.UTF_8))
        .contains("-        eastasia                0 B    8.0 MiB")
        .contains("-        southeastasia       8.0 MiB        0 B")
        .contains("Hashed 8.0 MiB; 2 calls (transferBlocks 2); 0 throttled; 61.5 s modelled.");
  }
}
