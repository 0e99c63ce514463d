package dev.reprotect.worker.cli;

import static org.assertj.core.api.Assertions.fail;

import dev.reprotect.azure.AzureException;
import dev.reprotect.azure.http.HttpAzureBackend;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * `reprotect sim` as a process of its own, seeded with the demo's world and slowed down so that a
 * sync spans seconds (a range of changed blocks takes about 1.5 s): it can be killed mid-sync.
 */
final class SimProcess {
  static final String TOKEN = "crash-test-token";

  private final Path dataDir;
  private final int port;
  final HttpAzureBackend azure;
  private PackagedCli.Running process;

  SimProcess(Path dataDir) {
    this.dataDir = dataDir;
    this.port = Await.freePort();
    this.azure = new HttpAzureBackend(URI.create(url()), TOKEN);
  }

  String url() {
    return "http://127.0.0.1:" + port;
  }

  /** Starts (or restarts, on the same data dir) the service and waits until it answers. */
  SimProcess start() throws IOException {
    process = PackagedCli.start("sim", "--port", Integer.toString(port), "--data-dir",
        dataDir.toString(), "--token", TOKEN, "--seed", "--disk-size", "1GiB", "--changed", "50",
        "--time-scale", "0.01", "--disk-mbps", "0.2");
    Await.until("the service answers", () -> {
      if (!process.process().isAlive()) {
        fail("the service exited: " + process.stderr());
      }
      try {
        return azure.recoveryServices().vault("contoso").isPresent();
      } catch (AzureException notYet) {
        return false;
      }
    });
    return this;
  }

  void kill() throws InterruptedException {
    process.process().destroyForcibly().waitFor();
  }

  void stop() {
    process.process().destroy();
  }

  /** The blocks a job has written into the replicas so far. */
  long pageWrites(String workflowId) {
    try {
      return azure.metering().activityLog().stream()
          .filter(e -> e.correlationId().startsWith(workflowId + "/")
              && e.operation().endsWith("pages/write"))
          .count();
    } catch (AzureException restarting) {
      return 0;
    }
  }

  /** How many times each mutating operation of a job was applied. */
  Map<String, Long> operationsApplied(String workflowId) {
    return azure.metering().activityLog().stream()
        .filter(entry -> entry.correlationId().startsWith(workflowId + "/"))
        .collect(Collectors.groupingBy(
            entry -> entry.operation() + " " + entry.resourceId(), Collectors.counting()));
  }
}
