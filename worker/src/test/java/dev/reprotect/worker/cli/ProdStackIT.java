package dev.reprotect.worker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reprotect.azure.http.HttpAzureBackend;
import dev.reprotect.azure.sim.Scenario;
import dev.reprotect.azure.sim.ScenarioSeeder;
import dev.reprotect.azure.sim.SimulatedAzure;
import dev.reprotect.worker.Await;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.workflow.v1.PendingActivityInfo;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The compose file's stack run as processes by scripts/prod-stack: a Temporal server built from its
 * Go module on Debian's PostgreSQL (schema set up by the server's SQL tool), the simulated Azure,
 * two workers and the Temporal Web UI, each configured by its environment alone. Ten reprotects run
 * through it while one worker is upgraded in place: stopped by SIGTERM during a sync, started
 * again; the Web UI lists them.
 */
class ProdStackIT {
  private static final Path SCRIPT = Paths.get("..", "scripts", "prod-stack").toAbsolutePath();
  private static final String TOKEN = "prod-stack-test-token";

  /**
   * Ten VMs of one vault: their concurrent jobs share the vault's cache storage account, which each
   * plan names in its own VM's resource group before any job created it.
   */
  private static final String VAULT = "contoso";

  private static final List<String> VMS =
      IntStream.rangeClosed(1, 10).mapToObj(i -> String.format("vm-%02d", i)).toList();

  @TempDir Path dir;

  private final Map<String, String> environment = new HashMap<>();
  private final HttpClient http = HttpClient.newHttpClient();
  private WorkflowServiceStubs service;
  private AzureEvidence azure;

  @BeforeEach
  void startTheStack() throws Exception {
    // The script runs PostgreSQL as user postgres (it refuses root), which must reach its data.
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx--x--x"));
    Path stack = dir.resolve("stack");
    seedTenVms(stack.resolve("azure"));
    String address = "127.0.0.1:" + freePortFor("FRONTEND_GRPC_PORT");
    for (String port :
        List.of(
            "FRONTEND_HTTP_PORT",
            "HISTORY_GRPC_PORT",
            "MATCHING_GRPC_PORT",
            "WORKER_GRPC_PORT",
            "DB_PORT")) {
      freePortFor(port);
    }
    // The server keeps its membership ports in a PostgreSQL smallint: below 32768.
    for (String port :
        List.of(
            "FRONTEND_MEMBERSHIP_PORT",
            "HISTORY_MEMBERSHIP_PORT",
            "MATCHING_MEMBERSHIP_PORT",
            "WORKER_MEMBERSHIP_PORT")) {
      environment.put(port, Integer.toString(Await.freePortBetween(20000, 32768)));
    }
    String simUrl = "http://127.0.0.1:" + freePortFor("REPROTECT_SIM_PORT");
    freePortFor("TEMPORAL_UI_PORT");
    environment.putAll(
        Map.of(
            "REPROTECT_STACK_DIR",
            stack.toString(),
            "REPROTECT_AZURE_TOKEN",
            TOKEN,
            "REPROTECT_JAR",
            Paths.get("target", "reprotect.jar").toAbsolutePath().toString(),
            "JAVA_HOME",
            System.getProperty("java.home"),
            "REPROTECT_METRICS_PORT",
            "",
            "REPROTECT_SIM_SEED",
            "false",
            // A sync of one of these disks spans seconds: a worker can be stopped during one.
            "REPROTECT_SIM_TIME_SCALE",
            "0.01",
            "REPROTECT_SIM_DISK_MBPS",
            "0.02"));
    Script started = script("start");
    assertThat(started.exit()).as(started.output()).isZero();
    service =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(address).build());
    azure = new AzureEvidence(new HttpAzureBackend(URI.create(simUrl), TOKEN));
  }

  @AfterEach
  void stopTheStack() throws Exception {
    if (service != null) {
      service.shutdownNow();
    }
    Script stopped = script("stop");
    assertThat(stopped.exit()).as(stopped.output()).isZero();
  }

  private int freePortFor(String variable) {
    int port = Await.freePort();
    environment.put(variable, Integer.toString(port));
    return port;
  }

  private static String jobOf(String vm) {
    return "reprotect." + VAULT + "." + vm;
  }

  /** The ten VMs failed over and committed, in the world the sim is then started on. */
  private static void seedTenVms(Path world) {
    Scenario first =
        Scenario.builder()
            .vault(VAULT)
            .vm(VMS.get(0))
            .dataDisks(1)
            .diskSizeBytes(64L << 20)
            .changedPercent(50)
            .build();
    try (SimulatedAzure azure =
        SimulatedAzure.durable(world, SimulatedAzure.DEFAULT_BLOCK_SIZE)
            .withRegion(first.sourceRegion())
            .withRegion(first.targetRegion())) {
      ScenarioSeeder seeder = new ScenarioSeeder(azure);
      VMS.forEach(vm -> seeder.seed(first.toBuilder().vm(vm).build()));
    }
  }

  record Script(int exit, String output) {}

  private Script script(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(SCRIPT.toString()));
    command.addAll(List.of(args));
    Path output = Files.createTempFile(dir, "prod-stack", ".log");
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
    builder.environment().putAll(environment);
    Process process = builder.start();
    assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("prod-stack %s ends", args[0]).isTrue();
    return new Script(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
  }

  private Path stackFile(String name) {
    return Path.of(environment.get("REPROTECT_STACK_DIR")).resolve(name);
  }

  /** A job whose disk sync runs on the worker of process {@code pid} and has sent blocks. */
  private Optional<String> jobSyncingOn(long pid) {
    return VMS.stream()
        .map(ProdStackIT::jobOf)
        .filter(
            job ->
                azure.pageWrites(job) > 0
                    && pendingActivities(job).stream()
                        .anyMatch(
                            activity ->
                                activity.getActivityType().getName().equals("SyncDisk")
                                    && activity.getLastWorkerIdentity().startsWith(pid + "@")))
        .findFirst();
  }

  private List<PendingActivityInfo> pendingActivities(String job) {
    return service
        .blockingStub()
        .describeWorkflowExecution(
            DescribeWorkflowExecutionRequest.newBuilder()
                .setNamespace("default")
                .setExecution(WorkflowExecution.newBuilder().setWorkflowId(job))
                .build())
        .getPendingActivitiesList();
  }

  private HttpResponse<String> getFromTheUi(String path) {
    URI uri = URI.create("http://127.0.0.1:" + environment.get("TEMPORAL_UI_PORT") + path);
    try {
      return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted on GET " + uri, e);
    }
  }

  /** The IDs of the workflows of namespace default, as the Web UI's API lists them. */
  private Set<String> workflowsListedByTheUi() {
    HttpResponse<String> response = getFromTheUi("/api/v1/namespaces/default/workflows");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    try {
      JsonNode executions = new ObjectMapper().readTree(response.body()).path("executions");
      return StreamSupport.stream(executions.spliterator(), false)
          .map(execution -> execution.path("execution").path("workflowId").asText())
          .collect(Collectors.toSet());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  @Timeout(value = 10, unit = TimeUnit.MINUTES)
  void tenReprotectsAllProtectWhileAWorkerIsRestartedMidSync() throws Exception {
    // One after the other: ten JVMs started at once on two cores miss their connect deadline.
    for (String vm : VMS) {
      PackagedCli.Result started =
          PackagedCli.run(
              Map.of("TEMPORAL_ADDRESS", service.getOptions().getTarget()),
              "start",
              vm,
              "--vault",
              VAULT,
              "--json");
      assertThat(started.exit()).as(started.stdout() + started.stderr()).isZero();
    }

    long upgraded = Long.parseLong(Files.readString(stackFile("worker-1.pid")).trim());
    Await.until("a sync runs on worker-1", () -> jobSyncingOn(upgraded).isPresent());
    Script stopped = script("stop", "worker-1");
    assertThat(stopped.exit()).as(stopped.output()).isZero();
    Script restarted = script("start", "worker-1");
    assertThat(restarted.exit()).as(restarted.output()).isZero();

    assertThat(Files.readString(stackFile("worker-1.log")))
        .as("worker-1's log")
        .contains("Worker stopped: every task in flight ended or was handed back to Temporal.")
        .contains("handed back");
    WorkflowClient client = WorkflowClient.newInstance(service);
    for (String vm : VMS) {
      azure.assertJobProtectsWithEqualDisksAndNothingAppliedTwice(client, jobOf(vm));
    }
    // The sync seen on worker-1 may end before the stop reaches it; another one is then handed
    // back, so the ten histories are searched.
    assertThat(
            VMS.stream()
                .map(ProdStackIT::jobOf)
                .flatMap(job -> client.fetchHistory(job).getEvents().stream())
                .filter(HistoryEvent::hasActivityTaskStartedEventAttributes)
                .map(
                    event ->
                        event
                            .getActivityTaskStartedEventAttributes()
                            .getLastFailure()
                            .getApplicationFailureInfo()
                            .getType()))
        .as("a sync interrupted by the upgrade was handed back, not left to time out")
        .contains("io.temporal.client.ActivityWorkerShutdownException");
    HttpResponse<String> page = getFromTheUi("/");
    assertThat(page.statusCode()).as("the Web UI's page").isEqualTo(200);
    assertThat(page.body()).as("the Web UI's page").contains("<html");
    List<String> jobs = VMS.stream().map(ProdStackIT::jobOf).toList();
    // Its list comes from the server's visibility store, which a workflow reaches a moment later.
    Await.until(
        "the Web UI lists the ten reprotects", () -> workflowsListedByTheUi().containsAll(jobs));
    assertThat(script("status").output())
        .contains("ui          running", "worker-1    running", "worker-2    running");
  }
}
