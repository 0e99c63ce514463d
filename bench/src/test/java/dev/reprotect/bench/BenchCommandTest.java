package dev.reprotect.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reprotect.worker.cli.CliRun;
import dev.reprotect.worker.cli.ExitCodes;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchCommandTest {
  /**
   * The counters are exact, so their goals are the test's: a data path that read a side twice,
   * re-read the used data on a cycle, sent more than the touched blocks or called per range of an
   * empty disk would miss one and fail here. The orchestration ratio is timed, so only sane.
   */
  @Test
  void quickJsonReportsEachCounterMeetingItsGoal() {
    CliRun run = CliRun.of("bench", "--quick", "--json");

    assertThat(run.exitCode()).as(run.stdout() + run.stderr()).isZero();
    JsonNode result = run.json();
    JsonNode counters = result.get("counters");
    List<String> names = new ArrayList<>();
    counters.fieldNames().forEachRemaining(names::add);
    assertThat(names)
        .containsExactly(
            "sourceReadOverAllocated",
            "targetReadOverAllocated",
            "sentOverChanged",
            "cycleReadOverChanged",
            "callsSparseOverDense",
            "reprotectReadOverChanged");
    assertSoftly(
        softly ->
            names.forEach(
                name -> {
                  JsonNode counter = counters.get(name);
                  softly
                      .assertThat(counter.get("pass").asBoolean())
                      .as(name + ": " + counter)
                      .isTrue();
                  softly.assertThat(counter.get("value").asDouble()).as(name).isPositive();
                }));
    assertThat(result.get("pass").asBoolean()).isTrue();
    JsonNode orchestration = result.get("orchestration");
    assertThat(orchestration.get("orchestrationRatio").get("value").asDouble())
        .isGreaterThan(0)
        .isLessThan(5);
    assertThat(orchestration.get("reprotectCpuSecondsPerJob").asDouble()).isPositive();
    assertThat(orchestration.get("floorCpuSecondsPerJob").asDouble()).isPositive();
  }

  @Test
  void benchWithoutQuickIsAUsageErrorPointingToTheFullRuns() {
    CliRun run = CliRun.of("bench");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.stderr()).contains("--quick", "bench/RESULTS.md");
  }
}
