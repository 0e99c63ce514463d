package dev.reprotect.workflows;

import io.temporal.client.WorkflowClient;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;

/**
 * Replays a history against workflow implementations, as WorkflowReplayer does, on a worker whose
 * deadlock detector tolerates a loaded machine: its default of 1 s fails the first replay of a JVM,
 * which loads classes, on a busy two-core CI machine, with no deadlock at all.
 */
public final class HistoryReplays {
  private static final Duration DEADLOCK_DETECTION = Duration.ofSeconds(30);

  private HistoryReplays() {}

  public static void replay(String json, Class<?>... workflows) throws Exception {
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
      Worker worker =
          env.newWorker(
              "replay",
              WorkerOptions.newBuilder()
                  .setDefaultDeadlockDetectionTimeout(DEADLOCK_DETECTION.toMillis())
                  .build());
      worker.registerWorkflowImplementationTypes(workflows);
      worker.replayWorkflowExecution(WorkflowExecutionHistory.fromJson(json));
    }
  }

  /**
   * Writes the history of workflow {@code workflowId} to {@code target/histories/<name>.json}
   * (whence a new version's histories are checked in) and replays it against every workflow.
   */
  public static void record(WorkflowClient client, String workflowId, String name)
      throws Exception {
    String json = client.fetchHistory(workflowId).toJson(true);
    Path recorded = Paths.get("target", "histories");
    Files.createDirectories(recorded);
    Files.writeString(recorded.resolve(name + ".json"), json);
    replay(json, RegisteredWorkflows.IMPLEMENTATIONS.toArray(Class<?>[]::new));
  }

  public static void replayResource(String resource, Class<?>... workflows) throws Exception {
    replay(readResource(resource), workflows);
  }

  private static String readResource(String resource) {
    try (InputStream in = HistoryReplays.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no resource " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
