package dev.reprotect.worker.cli;

import dev.reprotect.worker.client.CliError;
import dev.reprotect.worker.client.JobFailures;
import dev.reprotect.worker.render.Json;
import dev.reprotect.workflows.RegisteredWorkflows;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    description = {
      "Check that a recorded history replays against this version's workflow code.",
      "%nRun it before deploying a new worker: a history that does not replay means the new code "
          + "changed a workflow's command sequence without Workflow.getVersion, and running "
          + "workflows would fail on it. The history is a JSON file (as `temporal workflow show "
          + "--output json` or the Web UI writes it) or is fetched from the server by workflow id.%n"
    })
final class ReplayCommand implements Callable<Integer> {
  private static final Duration DEADLOCK_DETECTION = Duration.ofSeconds(30);

  static final class Source {
    @Parameters(index = "0", paramLabel = "FILE", description = "A history JSON file.")
    Path file;

    @Option(
        names = "--workflow-id",
        paramLabel = "ID",
        description = "Fetch the history of this workflow (its latest run) from the server.")
    String workflowId;
  }

  @ArgGroup(exclusive = true, multiplicity = "1")
  Source source;

  @Mixin ConnectionOptions connection;

  @Mixin Output output;

  /** The outcome, as --json prints it. */
  record Replay(String history, boolean deterministic, String error) {}

  @Override
  public Integer call() {
    String name = source.file != null ? source.file.toString() : source.workflowId;
    WorkflowExecutionHistory history;
    try {
      history = source.file != null ? read(source.file) : fetch(source.workflowId);
    } catch (RuntimeException | IOException e) {
      return output.fail(
          new CliError(
              "HistoryUnavailable",
              "cannot read the history of " + name + ": " + JobFailures.describe(e).message()));
    }
    Replay replay = replay(name, history);
    if (output.json) {
      output.out.println(Json.write(replay));
    } else if (replay.deterministic()) {
      output.out.println("Deterministic: " + name + " replays against this version's workflows.");
    } else {
      output.out.println(
          "NOT deterministic: "
              + name
              + " does not replay against this version's "
              + "workflows.\n"
              + replay.error());
    }
    return replay.deterministic() ? ExitCodes.OK : ExitCodes.FAILED;
  }

  /**
   * Replays on a worker of an in-memory test service, as WorkflowReplayer does, but with a deadlock
   * detector that tolerates a loaded machine: the SDK's 1 s can fail the first replay of a JVM,
   * which is busy loading classes, with no deadlock at all.
   */
  private static Replay replay(String name, WorkflowExecutionHistory history) {
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
      Worker worker =
          env.newWorker(
              "replay",
              WorkerOptions.newBuilder()
                  .setDefaultDeadlockDetectionTimeout(DEADLOCK_DETECTION.toMillis())
                  .build());
      worker.registerWorkflowImplementationTypes(
          RegisteredWorkflows.IMPLEMENTATIONS.toArray(Class<?>[]::new));
      worker.replayWorkflowExecution(history);
      return new Replay(name, true, null);
    } catch (Exception e) {
      return new Replay(name, false, explain(e));
    }
  }

  private static WorkflowExecutionHistory read(Path file) throws IOException {
    return WorkflowExecutionHistory.fromJson(Files.readString(file));
  }

  private WorkflowExecutionHistory fetch(String workflowId) {
    WorkflowServiceStubs service = connection.connect();
    try {
      return connection.client(service).fetchHistory(workflowId);
    } finally {
      service.shutdown();
    }
  }

  /**
   * The sentence that says where replay diverged. The replayer reports it wrapped in a query
   * failure whose message carries the whole nested stack trace; only its first line matters.
   */
  private static String explain(Throwable e) {
    String message = String.valueOf(e.getMessage());
    String marker = "NonDeterministicException: ";
    int start = message.indexOf(marker);
    if (start < 0) {
      return e.getClass().getSimpleName() + ": " + message.lines().findFirst().orElse("");
    }
    String rest = message.substring(start + marker.length());
    int end = rest.indexOf("\n\tat ");
    return (end < 0 ? rest : rest.substring(0, end)).replace("\n", " ").trim();
  }
}
