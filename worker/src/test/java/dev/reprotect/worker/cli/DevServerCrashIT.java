package dev.reprotect.worker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reprotect.worker.Await;
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

  @TempDir Path dir;

  private DevServerWorld world;

  @BeforeEach
  void startAll() throws Exception {
    world = DevServerWorld.start(dir, SimProcess.KILLABLE_MID_SYNC);
  }

  @AfterEach
  void stopAll() throws Exception {
    world.stop();
  }

  private void startJob() throws Exception {
    PackagedCli.Result started = world.cli("start", "web-01", "--vault", "contoso", "--json");
    assertThat(started.exit()).as(started.stderr()).isZero();
    Await.until("the sync has sent blocks", () -> world.sim.pageWrites(JOB) > 0);
  }

  private void assertCompletesWithEqualDisksAndNothingAppliedTwice() throws Exception {
    world.sim.assertJobProtectsWithEqualDisksAndNothingAppliedTwice(world.temporal.client(), JOB);
  }

  @Test
  void aWorkerKilledDuringTheSyncIsReplacedAndTheJobCompletes() throws Exception {
    startJob();

    world.killWorker();
    world.startWorker();

    assertCompletesWithEqualDisksAndNothingAppliedTwice();
  }

  @Test
  void theDevServerKilledDuringTheSyncRestartsOnItsDatabaseAndTheJobCompletes() throws Exception {
    startJob();

    world.temporal.kill();
    world.temporal.start();

    assertCompletesWithEqualDisksAndNothingAppliedTwice();
  }
}
