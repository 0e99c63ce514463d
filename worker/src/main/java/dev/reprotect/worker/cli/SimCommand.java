package dev.reprotect.worker.cli;

import dev.reprotect.azure.arm.ArmPaths;
import dev.reprotect.azure.sim.Scenario;
import dev.reprotect.azure.sim.ScenarioSeeder;
import dev.reprotect.azure.sim.SimulatedAzure;
import dev.reprotect.azure.service.AzureService;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "sim", mixinStandardHelpOptions = true, description = {
    "Serve the simulated Azure over HTTP, durably, for workers in other processes.",
    "%nAn ARM-shaped API (docs/azure-api.md) over a simulator whose whole world lives under "
        + "--data-dir: metadata in SQLite, one transaction per operation, disk blocks in files. "
        + "Restarted on the same dir, it serves the same world. Every request needs the bearer "
        + "token; without --token one is generated and printed. Workers and the demo use it with "
        + "--azure-url and --azure-token. Runs until interrupted (Ctrl-C).%n"})
final class SimCommand implements Callable<Integer> {
  @Option(names = "--port", defaultValue = "8480", description = "Port (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--host", defaultValue = AzureService.LOOPBACK,
      description = "Address to listen on (default: ${DEFAULT-VALUE}, this machine only).")
  String host;

  @Option(names = "--data-dir", required = true, paramLabel = "DIR",
      description = "Where the world lives; created if missing.")
  Path dataDir;

  @Option(names = "--token", paramLabel = "TOKEN",
      description = "Bearer token the clients must send (default: a new random one, printed).")
  String token;

  @Option(names = "--seed", description = "Seed the demo's scenario (the world options below) "
      + "when the data dir holds no world yet.")
  boolean seed;

  @Mixin
  ScenarioOptions scenarioOptions;

  @Mixin
  SimulatorOptions simulatorOptions;

  @Override
  public Integer call() throws InterruptedException {
    Scenario scenario = scenarioOptions.toScenario().build();
    String secret = token != null ? token : AzureService.newToken();
    try (SimulatedAzure azure = SimulatedAzure.durable(dataDir, SimulatedAzure.DEFAULT_BLOCK_SIZE)
            .withRegion(scenario.sourceRegion()).withRegion(scenario.targetRegion())) {
      if (seed && azure.recoveryServices().vault(scenario.vault()).isEmpty()) {
        System.out.println("Seeding the scenario: " + scenario.vm() + " of vault "
            + scenario.vault() + ", failed over to " + scenario.sourceRegion() + "...");
        new ScenarioSeeder(azure).seed(scenario);
      }
      // The latency model applies to the clients' requests, not to the seeding.
      simulatorOptions.apply(azure);
      serve(azure, secret, scenario);
      return ExitCodes.OK;
    }
  }

  private void serve(SimulatedAzure azure, String secret, Scenario scenario)
      throws InterruptedException {
    try (AzureService service = AzureService.start(host, port, secret, azure)) {
      String url = "http://" + host + ":" + service.port();
      System.out.printf("Simulated Azure on %s, its world in %s.%nToken: %s%n"
              + "Try:   curl -H 'Authorization: Bearer %s' %s/subscriptions/%s/resourceGroups/%s%n"
              + "       reprotect worker --azure-url %s --azure-token %s%n"
              + "The API: docs/azure-api.md. Ctrl-C stops it.%n",
          url, dataDir, secret, secret, url, ArmPaths.SUBSCRIPTION_ID,
          ScenarioSeeder.resourceGroupName(scenario.vm(), scenario.sourceRegion()), url, secret);
      CountDownLatch stopped = new CountDownLatch(1);
      Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
      stopped.await();
    }
  }
}
