package dev.reprotect.worker.cli;

import dev.reprotect.azure.sim.Scenario;
import dev.reprotect.worker.dev.DevProcessFiles;
import dev.reprotect.worker.dev.DevStack;
import dev.reprotect.worker.dev.TemporalCli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "dev",
    mixinStandardHelpOptions = true,
    description = {
      "Run it all on this machine with a real Temporal server and its Web UI.",
      "%nStarts the Temporal CLI's dev server (its database and every search attribute the "
          + "workflows use under --data-dir), the simulated Azure service (durable, under the same "
          + "dir, seeded with the demo's world the first time) and a worker that reaches it over "
          + "HTTP. Prints the Web UI's address and the commands to try; Ctrl-C stops everything. "
          + "With --detach it returns once all are ready, and `reprotect dev --stop` stops them. "
          + "The Temporal CLI comes from $TEMPORAL_CLI, the cache of scripts/ensure-temporal-cli, or "
          + "the PATH.%n"
    })
final class DevCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--data-dir",
      defaultValue = ".reprotect-dev",
      paramLabel = "DIR",
      description =
          "Where the server's database, the simulated Azure and the logs live "
              + "(default: ${DEFAULT-VALUE}).")
  Path dataDir;

  @Option(
      names = "--port",
      defaultValue = "7233",
      description = "Temporal frontend port (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--ui-port",
      defaultValue = "8233",
      description = "Web UI port (default: ${DEFAULT-VALUE}).")
  int uiPort;

  @Option(
      names = "--sim-port",
      defaultValue = "8480",
      description = "Port of the simulated Azure service (default: ${DEFAULT-VALUE}).")
  int simPort;

  @Option(names = "--detach", description = "Return once everything is ready; stop with --stop.")
  boolean detach;

  @Option(names = "--stop", description = "Stop what `reprotect dev --detach` started.")
  boolean stop;

  @Mixin ScenarioOptions scenarioOptions;

  @Mixin SimulatorOptions simulatorOptions;

  @Mixin MetricsOption metricsOption;

  @Override
  public Integer call() throws Exception {
    Path dir = dataDir.toAbsolutePath();
    DevProcessFiles files = new DevProcessFiles(dir);
    if (stop) {
      return files.stopDetached()
          ? ExitCodes.OK
          : fail("nothing started by --detach runs for " + dir);
    }
    Files.createDirectories(dir);
    if (detach) {
      return files.startDetached(childArguments(dir), DevStack.READY_WITHIN, this::printReady)
          ? ExitCodes.OK
          : fail("the dev environment did not start; see " + files.log());
    }
    Optional<Path> temporalCli = TemporalCli.find();
    if (temporalCli.isEmpty()) {
      return fail(TemporalCli.missingMessage());
    }
    Scenario scenario = scenarioOptions.toScenario().build();
    new DevStack(dir, temporalCli.get(), new DevStack.Ports(port, uiPort, simPort), files)
        .run(scenario, simulatorOptions::apply, () -> metricsOption.start(spec), this::printReady);
    return ExitCodes.OK;
  }

  /** This command again, in the foreground, for the detached process to run. */
  private List<String> childArguments(Path dir) {
    List<String> arguments =
        new ArrayList<>(
            List.of(
                "dev",
                "--data-dir",
                dir.toString(),
                "--port",
                Integer.toString(port),
                "--ui-port",
                Integer.toString(uiPort),
                "--sim-port",
                Integer.toString(simPort),
                "--vault",
                scenarioOptions.vault,
                "--vm",
                scenarioOptions.vm,
                "--source-region",
                scenarioOptions.sourceRegion,
                "--target-region",
                scenarioOptions.targetRegion,
                "--data-disks",
                Integer.toString(scenarioOptions.dataDisks),
                "--disk-size",
                Long.toString(scenarioOptions.diskSize),
                "--allocated",
                Integer.toString(scenarioOptions.allocatedPercent),
                "--changed",
                Integer.toString(scenarioOptions.changedPercent),
                "--target-vm",
                scenarioOptions.targetVm,
                "--time-scale",
                Double.toString(simulatorOptions.timeScale),
                "--disk-mbps",
                Double.toString(simulatorOptions.diskMbps)));
    if (metricsOption.port != null) {
      arguments.addAll(List.of("--metrics-port", Integer.toString(metricsOption.port)));
    }
    return arguments;
  }

  private void printReady() {
    String address = port == 7233 ? "" : " --address 127.0.0.1:" + port;
    System.out.printf(
        "Temporal dev server on 127.0.0.1:%d, Web UI on http://localhost:%d%n"
            + "Simulated Azure on http://127.0.0.1:%d, a worker on task queue 'reprotect'.%n"
            + "Try: reprotect plan %s --vault %s%s%n"
            + "     reprotect start %s --vault %s --wait%s%n"
            + "     reprotect list --vm %s%s%n"
            + "     temporal workflow list --query \"VmName='%s'\"%s%n"
            + "Stop: %s%n",
        port,
        uiPort,
        simPort,
        scenarioOptions.vm,
        scenarioOptions.vault,
        address,
        scenarioOptions.vm,
        scenarioOptions.vault,
        address,
        scenarioOptions.vm,
        address,
        scenarioOptions.vm,
        address,
        detach ? "reprotect dev --stop --data-dir " + dataDir : "Ctrl-C");
  }

  private static int fail(String message) {
    System.err.println("error: " + message);
    return ExitCodes.FAILED;
  }
}
