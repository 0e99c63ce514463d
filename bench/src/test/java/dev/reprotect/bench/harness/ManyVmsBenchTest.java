package dev.reprotect.bench.harness;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reprotect.activities.RegisteredActivities;
import dev.reprotect.azure.sim.LatencyModel;
import dev.reprotect.worker.EmbeddedTemporal;
import dev.reprotect.worker.ReprotectModule;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManyVmsBenchTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void everyItemOfTheVaultIsReprotectedAndEachCompletionIsTimed() throws InterruptedException {
    try (BenchWorld world = new BenchWorld(LatencyModel.none());
        EmbeddedTemporal temporal =
            new EmbeddedTemporal(
                new ReprotectModule(
                    world.azure(), RegisteredActivities.DEFAULT_BLOCKS_PER_RANGE))) {
      ManyVmsBench bench = new ManyVmsBench(world, temporal.client());
      List<String> vms = bench.seed("many", 3);

      ManyVmsResult result = bench.run("many", vms);

      assertThat(vms).hasSize(3).doesNotHaveDuplicates();
      assertThat(result.started()).isEqualTo(3);
      assertThat(result.succeeded()).isEqualTo(3);
      assertThat(result.runs().latencies()).hasSize(3);
      assertThat(result.completedAfter())
          .hasSize(3)
          .isSorted()
          .last()
          .isEqualTo(result.runs().wall());
    }
  }

  @Test
  void completionsAreCountedFromTheFirstStartInTheOrderTheyClosed() {
    List<JobHistory.Span> spans =
        List.of(
            new JobHistory.Span(T0.plusSeconds(2), T0.plusSeconds(9)),
            new JobHistory.Span(T0, T0.plusSeconds(5)),
            new JobHistory.Span(T0.plusSeconds(1), T0.plusSeconds(7)));

    assertThat(ManyVmsResult.completionTimes(spans))
        .containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(7), Duration.ofSeconds(9));
  }
}
