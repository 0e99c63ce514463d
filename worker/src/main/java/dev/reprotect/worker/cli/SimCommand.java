package dev.reprotect.worker.cli;

import dev.reprotect.azure.arm.ArmPaths;
import dev.reprotect.azure.service.AzureService;
import dev.reprotect.azure.service.FaultPolicy;
import dev.reprotect.azure.sim.Scenario;
import dev.reprotect.azure.sim.ScenarioSeeder;
import dev.reprotect.azure.sim.SimulatedAzure;
import dev.reprotect.worker.HealthFile;
import dev.reprotect.worker.StopSignal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(
    name = "sim",
    mixinStandardHelpOptions = true,
    description = {
      "Serve the simulated Azure over HTTP, durably, for workers in other processes.",
      "%nAn ARM-shaped API (docs/azure-api.md) over a simulator whose whole world lives under "
          + "--data-dir: metadata in SQLite, one transaction per operation, disk blocks in files. "
          + "Restarted on the same dir, it serves the same world. Every request needs the bearer "
          + "token; without --token one is generated and written to DIR/token (never printed). "
          + "Workers and the demo use it with --azure-url and --azure-token. Runs until "
          + "interrupted (Ctrl-C or SIGTERM), then closes its world in order.%n",
      "The settings a deployment needs can also come from environment variables (named in the "
          + "options' descriptions).%n",
      "Fault injection: --fault-rate, --fault-kinds and --fault-seed, and the admin endpoint "
          + "/admin/faults, /admin/regions/{region} (outage switch) and /admin/disk (throughput) "
          + "at runtime (docs/azure-api.md).%n"
    })
final class SimCommand implements Callable<Integer> {
  /** How long a stop may take: the service's requests in flight, then the world's journal. */
  private static final Duration CLOSING = Duration.ofSeconds(10);

  @Spec CommandSpec spec;

  @Option(
      names = "--port",
      defaultValue = "${env:REPROTECT_SIM_PORT:-8480}",
      description = "Port (default: $REPROTECT_SIM_PORT or ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--host",
      defaultValue = "${env:REPROTECT_SIM_HOST:-" + AzureService.LOOPBACK + "}",
      description =
          "Address to listen on (default: $REPROTECT_SIM_HOST or ${DEFAULT-VALUE}, this "
              + "machine only).")
  String host;

  @Option(
      names = "--data-dir",
      required = true,
      paramLabel = "DIR",
      defaultValue = "${env:REPROTECT_SIM_DATA_DIR}",
      description = "Where the world lives; created if missing (default: $REPROTECT_SIM_DATA_DIR).")
  Path dataDir;

  @Option(
      names = "--token",
      paramLabel = "TOKEN",
      defaultValue = "${env:REPROTECT_AZURE_TOKEN}",
      description =
          "Bearer token the clients must send (default: $REPROTECT_AZURE_TOKEN, the "
              + "variable the workers read it from, or a new random one written to DIR/token).")
  String token;

  @Option(
      names = "--seed",
      defaultValue = "${env:REPROTECT_SIM_SEED:-false}",
      description =
          "Seed the demo's scenario (the world options below) when the data dir holds "
              + "no world yet (default: $REPROTECT_SIM_SEED or false).")
  boolean seed;

  @Option(
      names = "--fault-rate",
      defaultValue = "0",
      paramLabel = "P",
      description =
          "Share of requests (0 to 1) that meet a transient fault, and with corrupt "
              + "the share of blocks crossing regions that arrive corrupted (default: "
              + "${DEFAULT-VALUE}). The admin endpoint /admin/faults changes it at runtime.")
  double faultRate;

  @Option(
      names = "--fault-kinds",
      defaultValue = "all",
      paramLabel = "KINDS",
      description =
          "The faults, comma-separated: throttle (429 with Retry-After), error (500), "
              + "drop (connection closed), slow (a late answer), error-after and drop-after (the "
              + "request is applied, its answer lost); all (default) is every one of these. corrupt, "
              + "named on its own, flips one bit of a block crossing regions inside the simulator "
              + "(the receiving region detects it and the block is sent again).")
  String faultKinds;

  @Option(
      names = "--fault-seed",
      defaultValue = "0",
      paramLabel = "SEED",
      description =
          "Seed of the faults' randomness: the same seed and the same requests meet "
              + "the same faults (default: ${DEFAULT-VALUE}).")
  long faultSeed;

  @Mixin ScenarioOptions scenarioOptions;

  @Mixin SimulatorOptions simulatorOptions;

  @Mixin LogOptions logOptions;

  @Mixin HealthFile healthFile;

  @Override
  public Integer call() throws InterruptedException, IOException {
    logOptions.apply();
    Scenario scenario = scenarioOptions.toScenario().build();
    FaultPolicy.Settings faults = faultSettings();
    Files.createDirectories(dataDir);
    String secret = token != null && !token.isBlank() ? token : newTokenFile();
    // The world is closed in order (its SQLite journal too) before the process ends.
    try (StopSignal stop = new StopSignal(CLOSING);
        SimulatedAzure azure =
            SimulatedAzure.durable(dataDir, SimulatedAzure.DEFAULT_BLOCK_SIZE)
                .withRegion(scenario.sourceRegion())
                .withRegion(scenario.targetRegion())) {
      if (seed && azure.recoveryServices().vault(scenario.vault()).isEmpty()) {
        System.out.println(
            "Seeding the scenario: "
                + scenario.vm()
                + " of vault "
                + scenario.vault()
                + ", failed over to "
                + scenario.sourceRegion()
                + "...");
        new ScenarioSeeder(azure).seed(scenario);
      }
      // The latency model applies to the clients' requests, not to the seeding.
      simulatorOptions.apply(azure);
      serve(azure, secret, scenario, faults, stop);
      return ExitCodes.OK;
    }
  }

  private Path tokenFile() {
    return dataDir.resolve("token");
  }

  /** A new token, kept with the world (so a restart keeps it) and readable by its owner only. */
  private String newTokenFile() throws IOException {
    Path file = tokenFile();
    if (Files.exists(file)) {
      return Files.readString(file).trim();
    }
    String secret = AzureService.newToken();
    Files.writeString(file, secret);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    return secret;
  }

  private FaultPolicy.Settings faultSettings() {
    try {
      return FaultPolicy.Settings.none()
          .withRate(faultRate)
          .withKinds(FaultPolicy.parseKinds(faultKinds))
          .withSeed(faultSeed);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  // The health signal is held open for as long as the process serves: never read, only closed.
  @SuppressWarnings("try")
  private void serve(
      SimulatedAzure azure,
      String secret,
      Scenario scenario,
      FaultPolicy.Settings faults,
      StopSignal stop)
      throws InterruptedException {
    try (AzureService service =
        AzureService.start(host, port, secret, azure, FaultPolicy.forSimulator(azure, faults))) {
      String url = "http://" + host + ":" + service.port();
      // The token is a secret: it is never printed, so that no log or terminal keeps it.
      boolean given = token != null && !token.isBlank();
      String tokenSource =
          given ? "as given" : "in " + tokenFile() + ", readable by this user only";
      String tokenInShell = given ? "$REPROTECT_AZURE_TOKEN" : "$(cat " + tokenFile() + ")";
      System.out.printf(
          "Simulated Azure on %s, its world in %s.%nToken: %s.%n"
              + "Try:   curl -H \"Authorization: Bearer %s\" "
              + "%s/subscriptions/%s/resourceGroups/%s%n"
              + "       REPROTECT_AZURE_TOKEN=\"%s\" reprotect worker --azure-url %s%n"
              + "The API: docs/azure-api.md. Ctrl-C stops it.%n",
          url,
          dataDir,
          tokenSource,
          tokenInShell,
          url,
          ArmPaths.SUBSCRIPTION_ID,
          ScenarioSeeder.resourceGroupName(scenario.vm(), scenario.sourceRegion()),
          tokenInShell,
          url);
      // Healthy from the moment it serves: its requests run on the service's own threads.
      try (HealthFile.Signal health = healthFile.start(() -> true)) {
        stop.await();
      }
    }
  }
}
