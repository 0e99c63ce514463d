package dev.reprotect.worker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reprotect.worker.Await;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reprotect against the simulated Azure service, whose process is killed (SIGKILL) several times
 * during the initial sync and restarted on the same data dir: the job completes with equal disks
 * and no mutating operation applied twice.
 */
class SimCrashIT {
  private static final int KILLS = 3;
  private static final String JOB = "reprotect.contoso.web-01";

  @TempDir Path dataDir;

  @Test
  void aReprotectSurvivesTheServiceKilledSeveralTimesDuringTheSync() throws Exception {
    SimProcess sim = new SimProcess(dataDir).start();
    PackagedCli.Running demo =
        PackagedCli.start(
            "demo", "--json", "--azure-url", sim.url(), "--azure-token", SimProcess.TOKEN);
    try {
      long pagesWritten = 0;
      for (int kill = 0; kill < KILLS; kill++) {
        long before = pagesWritten;
        Await.until(
            "more blocks synced", () -> !demo.process().isAlive() || sim.pageWrites(JOB) > before);
        assertThat(demo.process().isAlive())
            .as("the job still runs when the service dies")
            .isTrue();
        pagesWritten = sim.pageWrites(JOB);
        sim.kill();
        sim.start();
      }

      PackagedCli.Result result = demo.await();
      assertThat(result.exit()).as(result.stderr()).isZero();
      JsonNode summary = new ObjectMapper().readTree(result.stdout());
      assertThat(summary.get("state").asText()).isEqualTo("Protected");
      for (JsonNode disk : summary.get("disks")) {
        assertThat(disk.get("targetChecksum").asText())
            .isEqualTo(disk.get("sourceChecksum").asText());
      }
      assertThat(sim.operationsApplied(JOB))
          .isNotEmpty()
          .allSatisfy((operation, count) -> assertThat(count).as(operation).isEqualTo(1));
    } finally {
      sim.stop();
    }
  }
}
