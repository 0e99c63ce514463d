package dev.reprotect.worker.cli;

import static dev.reprotect.workflows.ByteSizes.format;

import dev.reprotect.activities.ReprotectActivities;
import dev.reprotect.activities.ReprotectErrorCode;
import dev.reprotect.activities.ReprotectRequest;
import dev.reprotect.azure.AzureBackend;
import dev.reprotect.azure.sim.Scenario;
import dev.reprotect.azure.sim.ScenarioSeeder;
import dev.reprotect.azure.sim.SimulatedAzure;
import dev.reprotect.worker.EmbeddedTemporal;
import dev.reprotect.worker.ReprotectModule;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "demo", mixinStandardHelpOptions = true, description = {
    "Run one reprotect end to end in this JVM, with nothing to install.",
    "%nAn in-process Temporal service, a worker with the simulated Azure backend and the client "
        + "share this JVM. The simulator is seeded with a VM failed over from the target region to "
        + "the source region and committed; its stale original is still in the target region. "
        + "The job stops the stale VM, seeds from its disks, deletes it, syncs only the blocks that "
        + "differ, and starts delta replication back to the target region.%n"})
final class DemoCommand implements Callable<Integer> {
  @Mixin
  ScenarioOptions scenarioOptions;

  @Mixin
  Output output;

  @Mixin
  SimulatorOptions simulatorOptions;

  @Mixin
  AzureOptions azureOptions;

  @Option(names = "--broken", paramLabel = "CODE",
      description = "Break one prerequisite, to see it refused with its code and nothing changed: "
          + "${COMPLETION-CANDIDATES}.")
  ReprotectErrorCode broken;

  @Override
  public Integer call() {
    Scenario.Builder world = scenarioOptions.toScenario();
    Scenario scenario = (broken == null ? world : BrokenRules.breakWorld(broken, world)).build();
    ReprotectRequest request = broken == null
        ? ReprotectRequest.of(scenario.vault(), scenario.vm())
        : BrokenRules.breakRequest(broken, scenario);

    try {
      return run(scenario, request);
    } catch (RuntimeException e) {
      return output.fail(JobFailures.describe(e));
    }
  }

  private int run(Scenario scenario, ReprotectRequest request) {
    long seedStart = System.nanoTime();
    info(String.format("Seeding the simulated Azure: %s (vault %s) failed over %s -> %s, %d "
            + "disks of %s, %d%% written, %d%% changed since, stale VM %s",
        scenario.vm(), scenario.vault(), scenario.targetRegion(), scenario.sourceRegion(),
        scenario.dataDisks() + 1, format(scenario.diskSizeBytes()), scenario.allocatedPercent(),
        scenario.changedPercent(), scenario.targetVm().name().toLowerCase(Locale.ROOT)));
    try (AzureBackend azure = backend(scenario);
        EmbeddedTemporal temporal = new EmbeddedTemporal(
            new ReprotectModule(azure, ReprotectActivities.DEFAULT_BLOCKS_PER_RANGE))) {
      info(String.format(Locale.ROOT, "Seeded in %.1f s. Starting the reprotect job.",
          (System.nanoTime() - seedStart) / 1e9));
      String stateBefore = azure.exportState();
      int logBefore = azure.metering().activityLog().size();
      ReprotectJobs jobs = new ReprotectJobs(temporal.client());
      String workflowId = jobs.start(request);
      info("Job " + workflowId);
      try {
        return output.summary(JobProgressDisplay.awaitEnd(jobs, workflowId, output));
      } catch (RuntimeException failure) {
        int status = output.fail(JobFailures.describe(failure));
        if (broken != null) {
          boolean unchanged = stateBefore.equals(azure.exportState())
              && logBefore == azure.metering().activityLog().size();
          info(unchanged
              ? "The backend is unchanged: same resources, same disk contents, no new entry in "
                  + "its activity log."
              : "WARNING: the refused request changed the backend.");
        }
        return status;
      }
    }
  }

  /**
   * The in-process simulator seeded with the scenario, or the service named by --azure-url,
   * seeded when it does not hold the scenario's item yet (a world it holds is used as it is).
   */
  private AzureBackend backend(Scenario scenario) {
    Optional<AzureBackend> service = azureOptions.service();
    if (service.isEmpty()) {
      return simulatorOptions.apply(
          SimulatedAzure.seeded(scenario, SimulatedAzure.DEFAULT_BLOCK_SIZE));
    }
    AzureBackend azure = service.get();
    if (azure.recoveryServices().vault(scenario.vault()).isEmpty()) {
      new ScenarioSeeder(azure).seed(scenario);
    } else {
      info("The service holds a world already: it is used as it is.");
    }
    return azure;
  }

  private void info(String line) {
    if (!output.json) {
      output.out.println(line);
    }
  }
}
