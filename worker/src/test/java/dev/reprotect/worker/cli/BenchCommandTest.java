package dev.reprotect.worker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchCommandTest {
  /**
   * Ranges no healthy build leaves, however loaded the machine: the goals belong to the
   * benchmark's full runs, not to a test. The bytes sent can never be below the bytes changed.
   */
  @Test
  void quickJsonPrintsEachRatioAsOneSaneNumber() {
    CliRun run = CliRun.of("bench", "--quick", "--json");

    assertThat(run.exitCode()).as(run.stderr()).isZero();
    JsonNode result = run.json();
    List<String> fields = new ArrayList<>();
    result.fieldNames().forEachRemaining(fields::add);
    assertThat(fields).containsExactlyInAnyOrder(
        "orchestrationRatio", "sentOverChanged", "hashOverMemcpy", "sparseRatio");
    fields.forEach(field -> assertThat(result.get(field).isNumber()).as(field).isTrue());
    assertThat(result.get("orchestrationRatio").asDouble()).isGreaterThan(0).isLessThan(5);
    assertThat(result.get("sentOverChanged").asDouble()).isGreaterThanOrEqualTo(1).isLessThan(3);
    assertThat(result.get("hashOverMemcpy").asDouble()).isGreaterThan(0).isLessThan(20);
    assertThat(result.get("sparseRatio").asDouble()).isGreaterThan(0).isLessThan(100);
  }

  @Test
  void benchWithoutQuickIsAUsageErrorPointingToTheFullRuns() {
    CliRun run = CliRun.of("bench");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.stderr()).contains("--quick", "bench/RESULTS.md");
  }
}
