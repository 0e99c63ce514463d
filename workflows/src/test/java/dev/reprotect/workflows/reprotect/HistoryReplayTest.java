package dev.reprotect.workflows.reprotect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reprotect.azure.sim.Scenario;
import dev.reprotect.workflows.HistoryReplays;
import dev.reprotect.workflows.ReprotectWorkflows;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.NonDeterministicException;
import io.temporal.worker.Worker;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Determinism, tested: every history checked in under {@code histories/} must replay against the
 * current workflow code. A change to the command sequence goes behind Workflow.getVersion, and
 * the histories of the new version are added next to the old ones (never replacing them): this
 * test records them under {@code target/histories/} on each run.
 */
class HistoryReplayTest {
  static final Path RECORDED = Paths.get("target", "histories");

  @RegisterExtension
  static final TestWorkflowExtension temporal = ReprotectFixture.temporal();

  static Stream<String> checkedInHistories() throws IOException, URISyntaxException {
    Path dir = Paths.get(HistoryReplayTest.class.getResource("/histories").toURI());
    try (Stream<Path> files = Files.list(dir)) {
      List<String> names = files.map(p -> p.getFileName().toString())
          .filter(name -> name.endsWith(".json")).sorted().toList();
      assertThat(names).as("checked-in histories").isNotEmpty();
      return names.stream();
    }
  }

  @ParameterizedTest
  @MethodSource("checkedInHistories")
  void aCheckedInHistoryReplaysAgainstTheCurrentCode(String history) throws Exception {
    HistoryReplays.replayResource("histories/" + history,
        ReprotectWorkflows.IMPLEMENTATIONS.toArray(Class<?>[]::new));
  }

  @Test
  void aReorderedStepFailsReplay() {
    assertThatThrownBy(() -> HistoryReplays.replayResource(
        "histories/reprotect-happy-path.v1.json", ReorderedReprotectWorkflow.class))
        .hasStackTraceContaining(NonDeterministicException.class.getSimpleName())
        .hasStackTraceContaining("ClaimItem");
  }

  @Test
  void theHappyPathRecordsAHistoryThatReplays(TestWorkflowEnvironment env, Worker worker)
      throws Exception {
    record("reprotect-happy-path", ReprotectFixture.scenario().dataDisks(2).build(), env, worker);
  }

  @Test
  void theNoTargetVmPathRecordsAHistoryThatReplays(TestWorkflowEnvironment env, Worker worker)
      throws Exception {
    record("reprotect-no-target-vm",
        ReprotectFixture.scenario().targetVm(Scenario.TargetVm.Deleted).build(), env, worker);
  }

  private static void record(String name, Scenario scenario, TestWorkflowEnvironment env,
      Worker worker) throws Exception {
    try (ReprotectFixture fixture = new ReprotectFixture(scenario)) {
      fixture.register(env, worker);
      env.start();
      fixture.newWorkflow(env.getWorkflowClient()).reprotect(fixture.request());
      String json = env.getWorkflowClient().fetchHistory(fixture.workflowId()).toJson(true);
      Files.createDirectories(RECORDED);
      Files.writeString(RECORDED.resolve(name + ".json"), json);
      HistoryReplays.replay(json, ReprotectWorkflows.IMPLEMENTATIONS.toArray(Class<?>[]::new));
    }
  }
}
