package dev.reprotect.worker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reprotect.azure.http.HttpAzureBackend;
import dev.reprotect.worker.Await;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `reprotect dev` in the foreground, stopped by SIGTERM during a disk's sync: its worker drains
 * while the dev server and the simulated Azure still serve (the sync handed back to Temporal at its
 * heartbeat), and only then do those stop. Started again on its data dir, it finishes the job.
 */
class DevGracefulStopIT {
  private static final String JOB = "reprotect.contoso.web-01";

  @TempDir Path dataDir;

  private final int port = Await.freePort();
  private final int simPort = Await.freePort();
  private final List<PackagedCli.Running> devs = new ArrayList<>();

  @BeforeAll
  static void temporalCliIsThere() {
    TemporalDevServer.cli();
  }

  @AfterEach
  void stopDev() throws InterruptedException {
    for (PackagedCli.Running dev : devs) {
      dev.process().destroy();
      dev.process().waitFor();
    }
  }

  private PackagedCli.Running startDev() throws IOException {
    List<String> arguments =
        new ArrayList<>(
            List.of(
                "dev",
                "--data-dir",
                dataDir.toString(),
                "--port",
                Integer.toString(port),
                "--ui-port",
                Integer.toString(Await.freePort()),
                "--sim-port",
                Integer.toString(simPort)));
    arguments.addAll(SimProcess.KILLABLE_MID_SYNC);
    PackagedCli.Running dev = PackagedCli.start(arguments.toArray(String[]::new));
    devs.add(dev);
    Await.until(
        "the dev environment is ready",
        () -> {
          try {
            return Files.readString(dev.stdout()).contains("Stop: Ctrl-C")
                || !dev.process().isAlive();
          } catch (IOException e) {
            throw new IllegalStateException(e);
          }
        });
    assertThat(dev.process().isAlive()).as(dataDir.resolve("temporal.log").toString()).isTrue();
    return dev;
  }

  @Test
  void sigtermDrainsTheWorkerBeforeTheServerStopsAndARestartFinishesTheJob() throws Exception {
    PackagedCli.Running dev = startDev();
    AzureEvidence azure =
        new AzureEvidence(
            new HttpAzureBackend(
                URI.create("http://127.0.0.1:" + simPort),
                Files.readString(dataDir.resolve("azure.token")).trim()));
    PackagedCli.Result started =
        PackagedCli.run(
            "start", "web-01", "--vault", "contoso", "--address", "127.0.0.1:" + port, "--json");
    assertThat(started.exit()).as(started.stderr()).isZero();
    Await.until("the sync has sent blocks", () -> azure.pageWrites(JOB) > 0);

    dev.process().destroy();
    PackagedCli.Result stopped = dev.await();

    assertThat(stopped.stdout())
        .as(stopped.stderr())
        .contains("Worker stopped: every task in flight ended or was handed back to Temporal.");

    startDev();
    WorkflowServiceStubs service =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget("127.0.0.1:" + port).build());
    try {
      WorkflowClient client = WorkflowClient.newInstance(service);
      azure.assertJobProtectsWithEqualDisksAndNothingAppliedTwice(client, JOB);
      assertThat(client.fetchHistory(JOB).getEvents())
          .filteredOn(HistoryEvent::hasActivityTaskStartedEventAttributes)
          .map(
              event ->
                  event
                      .getActivityTaskStartedEventAttributes()
                      .getLastFailure()
                      .getApplicationFailureInfo()
                      .getType())
          .as(
              "the attempt the stop interrupted was handed back by the worker, while the dev "
                  + "server still ran, not left to its heartbeat timeout")
          .contains("io.temporal.client.ActivityWorkerShutdownException");
    } finally {
      service.shutdownNow();
    }
  }
}
