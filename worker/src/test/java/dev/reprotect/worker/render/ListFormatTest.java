package dev.reprotect.worker.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What {@code reprotect list} prints for people: aligned columns, no "null". */
class ListFormatTest {
  private static final ListedJob REFUSED =
      new ListedJob(
          "reprotect.contoso.web-01",
          "Reprotect",
          "failed",
          Instant.parse("2026-12-01T06:49:28Z"),
          Instant.parse("2026-12-01T06:49:29Z"),
          "web-01",
          "contoso",
          null,
          null,
          "Failed");
  // Nanoseconds make the timestamp wider than a fixed 22-character column.
  private static final ListedJob RUNNING =
      new ListedJob(
          "reprotect.contoso.finance-reporting-db-primary-07",
          "Reprotect",
          "running",
          Instant.parse("2026-12-01T06:50:01.123456789Z"),
          null,
          "finance-reporting-db-primary-07",
          "contoso",
          "southeastasia",
          "eastasia",
          "InitialSync");

  private static List<String> lines(List<ListedJob> jobs) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    HumanFormat.jobs(jobs, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    return bytes.toString(StandardCharsets.UTF_8).lines().toList();
  }

  @Test
  void aJobRefusedBeforeItsPlanHasNoDirection() {
    List<String> lines = lines(List.of(REFUSED));

    assertThat(String.join("\n", lines)).doesNotContain("null");
    assertThat(lines.get(1).split(" {2,}"))
        .containsExactly(
            "reprotect.contoso.web-01",
            "Reprotect",
            "failed",
            "2026-12-01T06:49:28Z",
            "-",
            "Failed");
  }

  @Test
  void everyColumnStartsAtTheSamePlaceOnEveryLine() {
    List<String> lines = lines(List.of(REFUSED, RUNNING));

    assertThat(lines).hasSize(3);
    for (String header : List.of("TYPE", "STATUS", "STARTED", "DIRECTION", "STEP")) {
      int column = lines.get(0).indexOf(header);
      assertThat(lines.subList(1, 3))
          .as(header)
          .allSatisfy(
              line -> {
                assertThat(line.charAt(column - 1)).isEqualTo(' ');
                assertThat(line.charAt(column)).isNotEqualTo(' ');
              });
    }
    assertThat(lines.get(2)).contains("southeastasia -> eastasia");
  }

  @Test
  void aFailoverJobShowsItsType() {
    ListedJob failover =
        new ListedJob(
            "failover.contoso.web-01",
            "Failover",
            "completed",
            Instant.parse("2026-12-01T07:00:00Z"),
            Instant.parse("2026-12-01T07:00:09Z"),
            "web-01",
            "contoso",
            "southeastasia",
            "eastasia",
            "Succeeded");

    assertThat(lines(List.of(REFUSED, failover)).get(2).split(" {2,}"))
        .containsExactly(
            "failover.contoso.web-01",
            "Failover",
            "completed",
            "2026-12-01T07:00:00Z",
            "southeastasia -> eastasia",
            "Succeeded");
  }
}
