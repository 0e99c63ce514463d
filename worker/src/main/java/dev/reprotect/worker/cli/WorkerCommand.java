package dev.reprotect.worker.cli;

import dev.reprotect.azure.AzureBackend;
import dev.reprotect.azure.sim.Scenario;
import dev.reprotect.azure.sim.SimulatedAzure;
import dev.reprotect.worker.ReprotectWorker;
import dev.reprotect.worker.SearchAttributeSetup;
import dev.reprotect.worker.WorkerSizing;
import dev.reprotect.workflows.TaskQueues;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.worker.WorkerFactory;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "worker", mixinStandardHelpOptions = true, description = {
    "Run a worker against a Temporal service.",
    "%nThe worker hosts the workflows and the short steps on task queue 'reprotect', the "
        + "initial syncs (hours each) on task queue 'reprotect-sync', with the "
        + "in-process simulated Azure seeded with the demo's scenario. It registers the search "
        + "attributes VmName, Vault, SourceRegion, TargetRegion and ReprotectStep where the server "
        + "allows it. Runs until interrupted (Ctrl-C).%n"})
final class WorkerCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  ConnectionOptions connection;

  @Mixin
  ScenarioOptions scenarioOptions;

  @Mixin
  SimulatorOptions simulatorOptions;

  @Mixin
  AzureOptions azureOptions;

  @Option(names = "--step-slots", paramLabel = "N",
      defaultValue = "" + WorkerSizing.DEFAULT_STEP_SLOTS,
      description = {"Activities of task queue 'reprotect' this worker runs at once: the short "
          + "steps of every job (plan, artefacts, stop, seed copy, delete, replication cycles). "
          + "They mostly wait on the backend; one slot per job in flight is plenty "
          + "(default: ${DEFAULT-VALUE})."})
  int stepSlots;

  @Option(names = "--sync-slots", paramLabel = "N",
      defaultValue = "" + WorkerSizing.DEFAULT_SYNC_SLOTS,
      description = {"Initial syncs (one per disk, hours each) this worker runs at once, on task "
          + "queue 'reprotect-sync'. Each reads, hashes and sends blocks: size it to the "
          + "worker's cores and link; disks beyond it wait in the queue, never the short steps "
          + "(default: ${DEFAULT-VALUE})."})
  int syncSlots;

  @Override
  public Integer call() throws InterruptedException {
    WorkerSizing sizing = sizing();
    Scenario scenario = scenarioOptions.toScenario().build();
    WorkflowServiceStubs service = connection.connect();
    registerSearchAttributes(service);
    try (AzureBackend azure = azureOptions.service().orElseGet(() ->
        simulatorOptions.apply(SimulatedAzure.seeded(scenario, SimulatedAzure.DEFAULT_BLOCK_SIZE)))) {
      WorkerFactory factory = ReprotectWorker.start(connection.client(service), azure, sizing);
      System.out.printf("Worker on task queues '%s' (%d slots) and '%s' (%d slots) of %s "
              + "(namespace %s), with %s.%n"
              + "Try: reprotect plan %s --vault %s%n     reprotect start %s --vault %s --wait%n"
              + "Ctrl-C stops the worker.%n",
          TaskQueues.REPROTECT, sizing.stepSlots(), TaskQueues.syncQueueOf(TaskQueues.REPROTECT),
          sizing.syncSlots(), connection.address, connection.namespace,
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

  private WorkerSizing sizing() {
    if (stepSlots < 1 || syncSlots < 1) {
      throw new ParameterException(spec.commandLine(),
          "--step-slots and --sync-slots need at least 1 slot each");
    }
    return new WorkerSizing(stepSlots, syncSlots);
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
