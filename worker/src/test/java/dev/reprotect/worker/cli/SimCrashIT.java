package dev.reprotect.worker.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reprotect.azure.ActivityLogEntry;
import dev.reprotect.azure.AzureException;
import dev.reprotect.azure.http.HttpAzureBackend;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reprotect against the simulated Azure service, whose process is killed (SIGKILL) several
 * times during the initial sync and restarted on the same data dir: the job completes with equal
 * disks and no mutating operation applied twice.
 */
class SimCrashIT {
  private static final String TOKEN = "crash-test-token";
  private static final int KILLS = 3;
  private static final String JOB = "reprotect.contoso.web-01/";

  @TempDir
  Path dataDir;

  private String[] simArgs(int port) {
    // Slow enough that the sync spans seconds: a range of changed blocks takes about 1.5 s.
    return new String[] {"sim", "--port", Integer.toString(port), "--data-dir",
        dataDir.toString(), "--token", TOKEN, "--seed", "--disk-size", "1GiB", "--changed", "50",
        "--time-scale", "0.01", "--disk-mbps", "0.2"};
  }

  @Test
  void aReprotectSurvivesTheServiceKilledSeveralTimesDuringTheSync() throws Exception {
    int port = freePort();
    String url = "http://127.0.0.1:" + port;
    HttpAzureBackend azure = new HttpAzureBackend(URI.create(url), TOKEN);
    PackagedCli.Running sim = PackagedCli.start(simArgs(port));
    awaitUp(azure, sim);
    PackagedCli.Running demo =
        PackagedCli.start("demo", "--json", "--azure-url", url, "--azure-token", TOKEN);

    long pagesWritten = 0;
    for (int kill = 0; kill < KILLS; kill++) {
      long before = pagesWritten;
      await("more blocks synced", () -> !demo.process().isAlive() || pageWrites(azure) > before);
      assertThat(demo.process().isAlive()).as("the job still runs when the service dies").isTrue();
      pagesWritten = pageWrites(azure);
      sim.process().destroyForcibly().waitFor();
      sim = PackagedCli.start(simArgs(port));
      awaitUp(azure, sim);
    }

    PackagedCli.Result result = demo.await();
    try {
      assertThat(result.exit()).as(result.stderr()).isZero();
      JsonNode summary = new ObjectMapper().readTree(result.stdout());
      assertThat(summary.get("state").asText()).isEqualTo("Protected");
      for (JsonNode disk : summary.get("disks")) {
        assertThat(disk.get("targetChecksum").asText())
            .isEqualTo(disk.get("sourceChecksum").asText());
      }
      Map<String, Long> applied = azure.metering().activityLog().stream()
          .filter(entry -> entry.correlationId().startsWith(JOB))
          .collect(Collectors.groupingBy(
              entry -> entry.operation() + " " + entry.resourceId(), Collectors.counting()));
      assertThat(applied).isNotEmpty().allSatisfy((operation, count) ->
          assertThat(count).as(operation).isEqualTo(1));
    } finally {
      sim.process().destroy();
    }
  }

  private static long pageWrites(HttpAzureBackend azure) {
    try {
      List<ActivityLogEntry> log = azure.metering().activityLog();
      return log.stream().filter(e -> e.correlationId().startsWith(JOB)
          && e.operation().endsWith("pages/write")).count();
    } catch (AzureException restarting) {
      return 0;
    }
  }

  private static void awaitUp(HttpAzureBackend azure, PackagedCli.Running sim) {
    await("the service answers", () -> {
      if (!sim.process().isAlive()) {
        fail("the service exited: " + sim.stderr());
      }
      try {
        return azure.recoveryServices().vault("contoso").isPresent();
      } catch (AzureException notYet) {
        return false;
      }
    });
  }

  private static void await(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        fail("timed out waiting until " + what);
      }
      Thread.onSpinWait();
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        fail("interrupted waiting until " + what);
      }
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
