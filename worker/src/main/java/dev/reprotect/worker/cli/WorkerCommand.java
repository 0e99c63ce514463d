package dev.reprotect.worker.cli;

import dev.reprotect.azure.AzureBackend;
import dev.reprotect.azure.sim.Scenario;
import dev.reprotect.azure.sim.SimulatedAzure;
import dev.reprotect.worker.ReprotectWorker;
import dev.reprotect.worker.SearchAttributeSetup;
import dev.reprotect.workflows.TaskQueues;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.worker.WorkerFactory;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "worker", mixinStandardHelpOptions = true, description = {
    "Run a worker against a Temporal service.",
    "%nThe worker hosts the workflows and activities on task queue 'reprotect', with the "
        + "in-process simulated Azure seeded with the demo's scenario. It registers the search "
        + "attributes VmName, Vault, SourceRegion, TargetRegion and ReprotectStep where the server "
        + "allows it. Runs until interrupted (Ctrl-C).%n"})
final class WorkerCommand implements Callable<Integer> {
  @Mixin
  ConnectionOptions connection;

  @Mixin
  ScenarioOptions scenarioOptions;

  @Mixin
  SimulatorOptions simulatorOptions;

  @Mixin
  AzureOptions azureOptions;

  @Override
  public Integer call() throws InterruptedException {
    Scenario scenario = scenarioOptions.toScenario().build();
    WorkflowServiceStubs service = connection.connect();
    registerSearchAttributes(service);
    try (AzureBackend azure = azureOptions.service().orElseGet(() ->
        simulatorOptions.apply(SimulatedAzure.seeded(scenario, SimulatedAzure.DEFAULT_BLOCK_SIZE)))) {
      WorkerFactory factory = ReprotectWorker.start(connection.client(service), azure);
      System.out.printf("Worker on task queue '%s' of %s (namespace %s), with %s.%n"
              + "Try: reprotect plan %s --vault %s%n     reprotect start %s --vault %s --wait%n"
              + "Ctrl-C stops the worker.%n",
          TaskQueues.REPROTECT, connection.address, connection.namespace,
          azureOptions.url != null ? "the simulated Azure at " + azureOptions.url
              : "an in-process simulated Azure: VM " + scenario.vm() + " of vault "
                  + scenario.vault() + " in " + scenario.sourceRegion()
                  + ", its stale original in " + scenario.targetRegion(),
          scenario.vm(), scenario.vault(), scenario.vm(), scenario.vault());
      CountDownLatch stopped = new CountDownLatch(1);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        factory.shutdown();
        stopped.countDown();
      }));
      stopped.await();
      return ExitCodes.OK;
    } finally {
      service.shutdown();
    }
  }

  private void registerSearchAttributes(WorkflowServiceStubs service) {
    try {
      List<String> added = SearchAttributeSetup.registerMissing(service, connection.namespace);
      if (!added.isEmpty()) {
        System.out.println("Registered search attributes " + added);
      }
    } catch (RuntimeException refused) {
      System.err.println("Could not register the search attributes (" + refused.getMessage()
          + "). Add them with:\n  " + SearchAttributeSetup.manualCommand(connection.namespace));
    }
  }
}
