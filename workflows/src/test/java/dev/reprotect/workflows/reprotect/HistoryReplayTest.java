package dev.reprotect.workflows.reprotect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reprotect.activities.ProtectionPlan;
import dev.reprotect.azure.AzureErrorCode;
import dev.reprotect.azure.ProtectionState;
import dev.reprotect.azure.sim.Scenario;
import dev.reprotect.workflows.HistoryReplays;
import dev.reprotect.workflows.RegisteredWorkflows;
import dev.reprotect.workflows.job.Job;
import dev.reprotect.workflows.job.JobState;
import dev.reprotect.workflows.job.StepState;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowFailedException;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.failure.CanceledFailure;
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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Determinism, tested: every history checked in under {@code histories/} must replay against the
 * current workflow code. A change to the command sequence goes behind Workflow.getVersion, and the
 * histories of the new version are added next to the old ones (never replacing them): this test
 * records them under {@code target/histories/} on each run.
 */
class HistoryReplayTest {
  static final Path RECORDED = Paths.get("target", "histories");

  @RegisterExtension static final TestWorkflowExtension temporal = ReprotectFixture.temporal();

  static Stream<String> checkedInHistories() throws IOException, URISyntaxException {
    Path dir = Paths.get(HistoryReplayTest.class.getResource("/histories").toURI());
    try (Stream<Path> files = Files.list(dir)) {
      List<String> names =
          files
              .map(p -> p.getFileName().toString())
              .filter(name -> name.endsWith(".json"))
              .sorted()
              .toList();
      assertThat(names).as("checked-in histories").isNotEmpty();
      return names.stream();
    }
  }

  @ParameterizedTest
  @MethodSource("checkedInHistories")
  void aCheckedInHistoryReplaysAgainstTheCurrentCode(String history) throws Exception {
    HistoryReplays.replayResource(
        "histories/" + history, RegisteredWorkflows.IMPLEMENTATIONS.toArray(Class<?>[]::new));
  }

  @Test
  void aReorderedStepFailsReplay() {
    assertThatThrownBy(
            () ->
                HistoryReplays.replayResource(
                    "histories/reprotect-happy-path.v1.json", ReorderedReprotectWorkflow.class))
        .hasStackTraceContaining(NonDeterministicException.class.getSimpleName())
        .hasStackTraceContaining("ClaimItem");
  }

  @Test
  void theHappyPathRecordsAHistoryThatReplays(TestWorkflowEnvironment env, Worker worker)
      throws Exception {
    try (ReprotectFixture fixture =
        started(ReprotectFixture.scenario().dataDisks(2).build(), env, worker)) {
      fixture.newWorkflow(env.getWorkflowClient()).reprotect(fixture.request());
      record("reprotect-happy-path", fixture, env);
    }
  }

  @Test
  void theNoTargetVmPathRecordsAHistoryThatReplays(TestWorkflowEnvironment env, Worker worker)
      throws Exception {
    try (ReprotectFixture fixture =
        started(
            ReprotectFixture.scenario().targetVm(Scenario.TargetVm.Deleted).build(), env, worker)) {
      fixture.newWorkflow(env.getWorkflowClient()).reprotect(fixture.request());
      record("reprotect-no-target-vm", fixture, env);
    }
  }

  /**
   * The failure path: a lasting error in the sync, after the claim, so the job releases the item.
   * One disk: see FailureHandlingTest on the time-skipping server and two syncs that end at once.
   */
  @Test
  void theFailurePathRecordsAHistoryThatReplays(TestWorkflowEnvironment env, Worker worker)
      throws Exception {
    try (ReprotectFixture fixture =
        started(ReprotectFixture.scenario().dataDisks(0).build(), env, worker)) {
      fixture.azure.faults().failCalls("transferBlocks", 2, 1, AzureErrorCode.ResourceNotFound);

      assertThatThrownBy(
              () -> fixture.newWorkflow(env.getWorkflowClient()).reprotect(fixture.request()))
          .isInstanceOf(WorkflowFailedException.class);

      Job<ProtectionStep, ProtectionPlan> job =
          fixture.newWorkflowStubForQuery(env.getWorkflowClient()).job();
      assertThat(job.state()).isEqualTo(JobState.Failed);
      assertThat(job.errorCode()).isEqualTo(AzureErrorCode.ResourceNotFound.name());
      assertThat(ReprotectWorkflowTest.stepState(job, ProtectionStep.InitialSync))
          .isEqualTo(StepState.Failed);
      assertReleased(fixture, record("reprotect-failed-in-sync", fixture, env));
    }
  }

  /** The cancel path: cancelled mid-sync, the item released in the detached cleanup scope. */
  @Test
  void theCancelPathRecordsAHistoryThatReplays(TestWorkflowEnvironment env, Worker worker)
      throws Exception {
    try (ReprotectFixture fixture =
        started(ReprotectFixture.scenario().dataDisks(0).build(), env, worker)) {
      AtomicBoolean cancelRecorded = fixture.cancelDuringTheFirstTransfer(env);

      assertThatThrownBy(
              () -> fixture.newWorkflow(env.getWorkflowClient()).reprotect(fixture.request()))
          .isInstanceOf(WorkflowFailedException.class)
          .cause()
          .isInstanceOf(CanceledFailure.class);

      assertThat(cancelRecorded).as("the service recorded the sync's cancellation").isTrue();
      assertThat(fixture.newWorkflowStubForQuery(env.getWorkflowClient()).job().state())
          .isEqualTo(JobState.Cancelled);
      WorkflowExecutionHistory history = record("reprotect-cancelled-in-sync", fixture, env);
      assertThat(history.getEvents())
          .extracting(HistoryEvent::getEventType)
          .contains(EventType.EVENT_TYPE_ACTIVITY_TASK_CANCELED);
      assertReleased(fixture, history);
    }
  }

  /** The item was released, and the history's last activity is the release. */
  private static void assertReleased(ReprotectFixture fixture, WorkflowExecutionHistory history) {
    assertThat(fixture.item().state()).isEqualTo(ProtectionState.ReprotectFailed);
    assertThat(fixture.item().runningOperation()).isNull();
    assertThat(
            history.getEvents().stream()
                .filter(
                    event -> event.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)
                .reduce((first, second) -> second)
                .orElseThrow()
                .getActivityTaskScheduledEventAttributes()
                .getActivityType()
                .getName())
        .isEqualTo("ReleaseFailedItem");
  }

  private static ReprotectFixture started(
      Scenario scenario, TestWorkflowEnvironment env, Worker worker) {
    ReprotectFixture fixture = new ReprotectFixture(scenario);
    fixture.register(env, worker);
    env.start();
    return fixture;
  }

  /** Writes the job's history under target/histories/, replays it, and returns it. */
  private static WorkflowExecutionHistory record(
      String name, ReprotectFixture fixture, TestWorkflowEnvironment env) throws Exception {
    WorkflowExecutionHistory history = env.getWorkflowClient().fetchHistory(fixture.workflowId());
    String json = history.toJson(true);
    Files.createDirectories(RECORDED);
    Files.writeString(RECORDED.resolve(name + ".json"), json);
    HistoryReplays.replay(json, RegisteredWorkflows.IMPLEMENTATIONS.toArray(Class<?>[]::new));
    return history;
  }
}
