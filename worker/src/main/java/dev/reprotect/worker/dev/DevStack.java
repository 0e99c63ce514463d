package dev.reprotect.worker.dev;

import dev.reprotect.azure.http.HttpAzureBackend;
import dev.reprotect.azure.service.AzureService;
import dev.reprotect.azure.sim.Scenario;
import dev.reprotect.azure.sim.ScenarioSeeder;
import dev.reprotect.azure.sim.SimulatedAzure;
import dev.reprotect.worker.MetricsEndpoint;
import dev.reprotect.worker.ReconcileSchedule;
import dev.reprotect.worker.ReprotectWorker;
import dev.reprotect.worker.StopSignal;
import dev.reprotect.worker.WorkerShutdown;
import dev.reprotect.workflows.SearchAttributeDefinitions;
import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.WorkerFactory;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * What `reprotect dev` runs in the foreground: the Temporal CLI's dev server (its database and
 * every search attribute under the data dir), the simulated Azure service (durable under the same
 * dir, seeded with the scenario the first time) and a worker that reaches it over HTTP, until
 * Ctrl-C or SIGTERM stops them in order.
 */
public final class DevStack {
  /** How long the dev server, and a detached `reprotect dev`, have to be ready. */
  public static final Duration READY_WITHIN = Duration.ofMinutes(2);

  private static final String NAMESPACE = "default";

  /** What the tasks in flight get at Ctrl-C or SIGTERM, as a worker's by default. */
  private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(30);

  /** The ports: Temporal's frontend, its Web UI, the simulated Azure service. */
  public record Ports(int temporal, int ui, int sim) {}

  private final Path dir;
  private final Path temporalCli;
  private final Ports ports;
  private final DevProcessFiles files;

  public DevStack(Path dir, Path temporalCli, Ports ports, DevProcessFiles files) {
    this.dir = dir;
    this.temporalCli = temporalCli;
    this.ports = ports;
    this.files = files;
  }

  /**
   * Runs everything until Ctrl-C or SIGTERM. {@code simulator} sets the simulated Azure's speed;
   * {@code startMetrics} gives the metrics endpoint, or null for none; {@code ready} is called once
   * everything serves.
   */
  public void run(
      Scenario scenario,
      UnaryOperator<SimulatedAzure> simulator,
      Supplier<MetricsEndpoint> startMetrics,
      Runnable ready)
      throws Exception {
    // One stop, in order: the worker drains while the server and the simulated Azure still
    // serve, then Azure closes, then the server stops. Shutdown hooks of their own would race.
    try (StopSignal stop = WorkerShutdown.signal(SHUTDOWN_GRACE);
        MetricsEndpoint metrics = startMetrics.get()) {
      Process server =
          new ProcessBuilder(serverCommand())
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("temporal.log").toFile())
              .start();
      try {
        WorkflowServiceStubsOptions.Builder options =
            WorkflowServiceStubsOptions.newBuilder().setTarget("127.0.0.1:" + ports.temporal());
        if (metrics != null) {
          options.setMetricsScope(metrics.scope());
        }
        WorkflowServiceStubs service = WorkflowServiceStubs.newServiceStubs(options.build());
        awaitServer(service, server);
        serve(scenario, simulator, service, metrics, stop, ready);
        service.shutdown();
      } finally {
        stopProcess(server);
      }
    }
  }

  private void serve(
      Scenario scenario,
      UnaryOperator<SimulatedAzure> simulator,
      WorkflowServiceStubs service,
      MetricsEndpoint metrics,
      StopSignal stop,
      Runnable ready)
      throws Exception {
    String token = files.azureToken();
    try (SimulatedAzure azure =
            SimulatedAzure.durable(dir.resolve("azure"), SimulatedAzure.DEFAULT_BLOCK_SIZE)
                .withRegion(scenario.sourceRegion())
                .withRegion(scenario.targetRegion());
        AzureService sim = AzureService.start(ports.sim(), token, azure)) {
      if (azure.recoveryServices().vault(scenario.vault()).isEmpty()) {
        new ScenarioSeeder(azure).seed(scenario);
      }
      simulator.apply(azure);
      WorkerFactory worker =
          ReprotectWorker.start(
              WorkflowClient.newInstance(
                  service, WorkflowClientOptions.newBuilder().setNamespace(NAMESPACE).build()),
              new HttpAzureBackend(URI.create("http://127.0.0.1:" + sim.port()), token));
      ReconcileSchedule.ensure(service, NAMESPACE);
      if (metrics != null) {
        System.out.println(metrics.where());
      }
      ready.run();
      files.markReady();
      stop.await();
      WorkerShutdown.stop(worker, SHUTDOWN_GRACE);
    }
  }

  private List<String> serverCommand() {
    List<String> command =
        new ArrayList<>(
            List.of(
                temporalCli.toString(),
                "server",
                "start-dev",
                "--db-filename",
                dir.resolve("temporal.db").toString(),
                "--ip",
                "127.0.0.1",
                "--port",
                Integer.toString(ports.temporal()),
                "--ui-port",
                Integer.toString(ports.ui()),
                "--namespace",
                NAMESPACE,
                "--log-level",
                "error"));
    SearchAttributeDefinitions.all()
        .forEach(
            (name, type) ->
                command.addAll(
                    List.of(
                        "--search-attribute",
                        name + "=" + SearchAttributeDefinitions.cliType(type))));
    return command;
  }

  private void awaitServer(WorkflowServiceStubs service, Process server)
      throws InterruptedException {
    long deadline = System.nanoTime() + READY_WITHIN.toNanos();
    while (true) {
      try {
        service.blockingStub().getSystemInfo(GetSystemInfoRequest.getDefaultInstance());
        return;
      } catch (RuntimeException notYet) {
        if (!server.isAlive() || System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "the Temporal dev server did not start; see " + dir.resolve("temporal.log"), notYet);
        }
        Thread.sleep(200);
      }
    }
  }

  private static void stopProcess(Process process) {
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
