package dev.reprotect.bench;

import dev.reprotect.workflows.TaskQueues;
import io.temporal.api.enums.v1.TaskQueueType;
import io.temporal.api.taskqueue.v1.TaskQueue;
import io.temporal.api.workflowservice.v1.DescribeTaskQueueRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Reprotect worker in a process of its own, as deployed: {@code java -jar reprotect.jar worker}
 * against a Temporal server and the simulated Azure service, its output in a log file.
 */
final class WorkerProcess implements AutoCloseable {
  private static final Duration STARTUP = Duration.ofMinutes(2);
  private static final Duration POLL = Duration.ofMillis(200);

  private final Process process;
  private final Path log;

  private WorkerProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /** The token goes by the environment, not the command line that `ps` shows. */
  static WorkerProcess start(
      Path jar,
      String temporalAddress,
      String namespace,
      String azureUrl,
      String azureToken,
      Path log) {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                jar.toString(),
                "worker",
                "--address",
                temporalAddress,
                "--namespace",
                namespace,
                "--azure-url",
                azureUrl));
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().put("REPROTECT_AZURE_TOKEN", azureToken);
    try {
      return new WorkerProcess(builder.start(), log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  long pid() {
    return process.pid();
  }

  /**
   * Waits until the server lists this process among the workflow pollers of Reprotect's task queue
   * (the SDK's default identity is pid@host), so that no job waits for its start.
   */
  void awaitPolling(WorkflowServiceStubs service, String namespace) throws InterruptedException {
    DescribeTaskQueueRequest request =
        DescribeTaskQueueRequest.newBuilder()
            .setNamespace(namespace)
            .setTaskQueue(TaskQueue.newBuilder().setName(TaskQueues.REPROTECT))
            .setTaskQueueType(TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW)
            .build();
    String identity = pid() + "@";
    Instant deadline = Instant.now().plus(STARTUP);
    while (service.blockingStub().describeTaskQueue(request).getPollersList().stream()
        .noneMatch(poller -> poller.getIdentity().startsWith(identity))) {
      if (!process.isAlive() || Instant.now().isAfter(deadline)) {
        throw new IllegalStateException("the worker " + pid() + " is not polling; see " + log);
      }
      Thread.sleep(POLL.toMillis());
    }
  }

  /** Stops it as a deployment does (SIGTERM: it lets its tasks end) and waits for its exit. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(1, TimeUnit.MINUTES)) {
        process.destroyForcibly().waitFor();
      }
    } catch (InterruptedException interrupted) {
      // A try-with-resources must not swallow the interrupt: the worker is killed, the flag kept.
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
