package dev.reprotect.worker.cli;

import static org.assertj.core.api.Assertions.fail;

import dev.reprotect.azure.AzureException;
import dev.reprotect.azure.arm.ArmPaths;
import dev.reprotect.azure.http.HttpAzureBackend;
import dev.reprotect.worker.Await;
import io.temporal.client.WorkflowClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/** `reprotect sim` as a process of its own, seeded with the demo's world. */
final class SimProcess {
  static final String TOKEN = "crash-test-token";

  /**
   * Slowed down so that a sync spans seconds (a range of changed blocks takes about 1.5 s): it can
   * be killed mid-sync.
   */
  static final List<String> KILLABLE_MID_SYNC = killableMidSync("0.2");

  private final Path dataDir;
  private final List<String> worldAndPace;
  private final int port;
  final HttpAzureBackend azure;
  private final AzureEvidence evidence;
  private PackagedCli.Running process;

  /** The demo's world with 1 GiB disks, its disks at {@code diskMbps} MB/s of the model. */
  static List<String> killableMidSync(String diskMbps) {
    return List.of(
        "--disk-size", "1GiB", "--changed", "50", "--time-scale", "0.01", "--disk-mbps", diskMbps);
  }

  SimProcess(Path dataDir) {
    this(dataDir, KILLABLE_MID_SYNC);
  }

  /** A service whose seeded world and latency model are set by {@code worldAndPace}. */
  SimProcess(Path dataDir, List<String> worldAndPace) {
    this.dataDir = dataDir;
    this.worldAndPace = List.copyOf(worldAndPace);
    this.port = Await.freePort();
    this.azure = new HttpAzureBackend(URI.create(url()), TOKEN);
    this.evidence = new AzureEvidence(azure);
  }

  String url() {
    return "http://127.0.0.1:" + port;
  }

  /** Starts (or restarts, on the same data dir) the service and waits until it answers. */
  SimProcess start() throws IOException {
    return start(
        Map.of(),
        "--port",
        Integer.toString(port),
        "--data-dir",
        dataDir.toString(),
        "--token",
        TOKEN,
        "--seed");
  }

  /** The same, configured as a container is: by its environment alone. */
  SimProcess startConfiguredByEnvironment() throws IOException {
    return start(
        Map.of(
            "REPROTECT_SIM_PORT",
            Integer.toString(port),
            "REPROTECT_SIM_DATA_DIR",
            dataDir.toString(),
            "REPROTECT_AZURE_TOKEN",
            TOKEN,
            "REPROTECT_SIM_SEED",
            "true"));
  }

  private SimProcess start(Map<String, String> environment, String... settings) throws IOException {
    List<String> arguments = new ArrayList<>(List.of("sim"));
    arguments.addAll(List.of(settings));
    arguments.addAll(worldAndPace);
    process = PackagedCli.start(environment, arguments.toArray(String[]::new));
    Await.until(
        "the service answers",
        () -> {
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

  /** Sets the disks' throughput of the running service's model, in MB/s. */
  void setDiskMbps(double megabytesPerSecond) throws IOException, InterruptedException {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(url() + ArmPaths.ADMIN_DISK.expand()))
                    .header("Authorization", "Bearer " + TOKEN)
                    .header("Content-Type", "application/json")
                    .PUT(
                        HttpRequest.BodyPublishers.ofString(
                            "{\"megabytesPerSecond\": " + megabytesPerSecond + "}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      fail("the disk throughput was refused: " + response.body());
    }
  }

  void kill() throws InterruptedException {
    process.process().destroyForcibly().waitFor();
  }

  void stop() {
    process.process().destroy();
  }

  /** What it printed so far, stdout then stderr. */
  String output() throws IOException {
    return Files.readString(process.stdout()) + Files.readString(process.stderr());
  }

  /** The blocks a job has written into the replicas so far. */
  long pageWrites(String workflowId) {
    return evidence.pageWrites(workflowId);
  }

  /** See {@link AzureEvidence#assertJobProtectsWithEqualDisksAndNothingAppliedTwice}. */
  void assertJobProtectsWithEqualDisksAndNothingAppliedTwice(
      WorkflowClient client, String workflowId) throws TimeoutException {
    evidence.assertJobProtectsWithEqualDisksAndNothingAppliedTwice(client, workflowId);
  }

  /** How many times each mutating operation of a job was applied. */
  Map<String, Long> operationsApplied(String workflowId) {
    return evidence.operationsApplied(workflowId);
  }
}
