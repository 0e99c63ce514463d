package dev.reprotect.worker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crashes on a real Temporal server: the worker, then the dev server itself, killed (SIGKILL)
 * during the initial sync and started again. Azure lives in its own process (`reprotect sim`), as
 * in production, so that killing the worker does not kill Azure with it.
 */
class DevServerCrashIT {
  private static final String JOB = "reprotect.contoso.web-01";

  @TempDir
  Path dir;

  private TemporalDevServer temporal;
  private SimProcess sim;
  private PackagedCli.Running worker;

  @BeforeEach
  void startAll() throws Exception {
    temporal = new TemporalDevServer(dir.resolve("temporal.db")).start();
    sim = new SimProcess(dir.resolve("azure")).start();
    worker = startWorker();
  }

  @AfterEach
  void stopAll() throws Exception {
    worker.process().destroy();
    sim.stop();
    temporal.stop();
  }

  private PackagedCli.Running startWorker() throws Exception {
    return PackagedCli.start("worker", "--address", temporal.address(), "--azure-url", sim.url(),
        "--azure-token", SimProcess.TOKEN);
  }

  private void startJob() throws Exception {
    PackagedCli.Result started = PackagedCli.run(
        "start", "web-01", "--vault", "contoso", "--address", temporal.address(), "--json");
    assertThat(started.exit()).as(started.stderr()).isZero();
    Await.until("the sync has sent blocks", () -> sim.pageWrites(JOB) > 0);
  }

  private void assertCompletesWithEqualDisksAndNothingAppliedTwice() throws Exception {
    sim.assertJobProtectsWithEqualDisksAndNothingAppliedTwice(temporal.client(), JOB);
  }

  @Test
  void aWorkerKilledDuringTheSyncIsReplacedAndTheJobCompletes() throws Exception {
    startJob();

    worker.process().destroyForcibly().waitFor();
    worker = startWorker();

    assertCompletesWithEqualDisksAndNothingAppliedTwice();
  }

  @Test
  void theDevServerKilledDuringTheSyncRestartsOnItsDatabaseAndTheJobCompletes() throws Exception {
    startJob();

    temporal.kill();
    temporal.start();

    assertCompletesWithEqualDisksAndNothingAppliedTwice();
  }
}
