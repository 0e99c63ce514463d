package dev.reprotect.worker.cli;

import dev.reprotect.activities.replication.ShipmentConcurrency;
import dev.reprotect.azure.AzureBackend;
import dev.reprotect.azure.sim.Scenario;
import dev.reprotect.azure.sim.SimulatedAzure;
import dev.reprotect.worker.HealthFile;
import dev.reprotect.worker.MetricsEndpoint;
import dev.reprotect.worker.ReconcileSchedule;
import dev.reprotect.worker.ReprotectWorker;
import dev.reprotect.worker.SearchAttributeSetup;
import dev.reprotect.worker.StopSignal;
import dev.reprotect.worker.WorkerShutdown;
import dev.reprotect.worker.WorkerSizing;
import dev.reprotect.workflows.TaskQueues;
import io.grpc.StatusRuntimeException;
import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.WorkerFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(
    name = "worker",
    mixinStandardHelpOptions = true,
    description = {
      "Run a worker against a Temporal service.",
      "%nThe worker hosts the workflows and the short steps on task queue 'reprotect', the "
          + "initial syncs (hours each) on task queue 'reprotect-sync', the replication's "
          + "shipments (minutes each) on task queue 'reprotect-shipment', with the "
          + "in-process simulated Azure seeded with the demo's scenario. It registers the search "
          + "attributes VmName, Vault, SourceRegion, TargetRegion and ReprotectStep where the server "
          + "allows it. Runs until interrupted (Ctrl-C or SIGTERM), then stops without losing work: "
          + "it polls no new task, lets the tasks in flight end (a long activity is handed back to "
          + "Temporal at its next heartbeat, for another worker to resume) within "
          + "--shutdown-timeout, and only then closes its backend.%n",
      "The settings a deployment needs can also come from environment variables (named in the "
          + "options' descriptions), so "
          + "that a container is configured by its environment alone; the Temporal connection "
          + "follows the Temporal CLI's variables and temporal.toml profiles.%n"
    })
final class WorkerCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  private static final Logger LOG = LoggerFactory.getLogger(WorkerCommand.class);

  @Mixin ConnectionOptions connection;

  @Mixin ScenarioOptions scenarioOptions;

  @Mixin SimulatorOptions simulatorOptions;

  @Mixin AzureOptions azureOptions;

  @Option(
      names = "--step-slots",
      paramLabel = "N",
      defaultValue = "${env:REPROTECT_STEP_SLOTS:-" + WorkerSizing.DEFAULT_STEP_SLOTS + "}",
      description = {
        "Activities of task queue 'reprotect' this worker runs at once: the short "
            + "steps of every job (plan, artefacts, stop, seed copy, delete, the replication "
            + "cycles' cuts and points). "
            + "They mostly wait on the backend; one slot per job in flight is plenty "
            + "(default: ${DEFAULT-VALUE}).",
        "Also set by $REPROTECT_STEP_SLOTS."
      })
  int stepSlots;

  @Option(
      names = "--sync-slots",
      paramLabel = "N",
      defaultValue = "${env:REPROTECT_SYNC_SLOTS:-" + WorkerSizing.DEFAULT_SYNC_SLOTS + "}",
      description = {
        "Initial syncs (one per disk, hours each) this worker runs at once, on task "
            + "queue 'reprotect-sync'. Each reads, hashes and sends blocks: size it to the "
            + "worker's cores and link; disks beyond it wait in the queue, never the short steps "
            + "(default: ${DEFAULT-VALUE}).",
        "Also set by $REPROTECT_SYNC_SLOTS."
      })
  int syncSlots;

  @Option(
      names = "--shipment-slots",
      paramLabel = "N",
      defaultValue = "${env:REPROTECT_SHIPMENT_SLOTS:-" + WorkerSizing.DEFAULT_SHIPMENT_SLOTS + "}",
      description = {
        "Replication shipments this worker runs at once, on task queue "
            + "'reprotect-shipment'. A shipment sends a cycle's changed blocks: minutes, up to "
            + "2 hours, and a fleet keeps up to one in flight per protected VM (about one per "
            + "five VMs at steady churn), so they have slots of their own and never take the "
            + "short steps'. Each uses up to "
            + ShipmentConcurrency.DISKS_AT_ONCE
            + " disk "
            + "threads and "
            + ShipmentConcurrency.DISKS_AT_ONCE * ShipmentConcurrency.RANGES_IN_FLIGHT
            + " range threads while it runs; shipments beyond it wait in the queue "
            + "(default: ${DEFAULT-VALUE}).",
        "Also set by $REPROTECT_SHIPMENT_SLOTS."
      })
  int shipmentSlots;

  @Mixin LogOptions logOptions;

  @Mixin HealthFile healthFile;

  @Option(
      names = "--shutdown-timeout",
      paramLabel = "SECONDS",
      defaultValue = "${env:REPROTECT_SHUTDOWN_TIMEOUT:-30}",
      description =
          "On Ctrl-C or SIGTERM, how long the tasks in flight get to end before they "
              + "are interrupted (default: $REPROTECT_SHUTDOWN_TIMEOUT or ${DEFAULT-VALUE}). Give "
              + "the container's stop grace period a few seconds more.")
  int shutdownTimeoutSeconds;

  @Mixin MetricsOption metricsOption;

  @Override
  public Integer call() throws InterruptedException {
    logOptions.apply();
    WorkerSizing sizing = sizing();
    Scenario scenario = scenarioOptions.toScenario().build();
    Duration grace = Duration.ofSeconds(shutdownTimeoutSeconds);
    try (MetricsEndpoint metrics = metricsOption.start(spec)) {
      return run(sizing, scenario, grace, metrics);
    }
  }

  // The health signal is held open for as long as the process serves: never read, only closed.
  @SuppressWarnings("try")
  private int run(WorkerSizing sizing, Scenario scenario, Duration grace, MetricsEndpoint metrics)
      throws InterruptedException {
    WorkflowServiceStubsOptions options = connection.serviceOptions();
    if (metrics != null) {
      options =
          WorkflowServiceStubsOptions.newBuilder(options).setMetricsScope(metrics.scope()).build();
      System.out.println(metrics.where());
    }
    WorkflowServiceStubs service = WorkflowServiceStubs.newServiceStubs(options);
    try (StopSignal stop = WorkerShutdown.signal(grace)) {
      try {
        registerSearchAttributes(service);
        ReconcileSchedule.ensure(service, connection.namespace());
        // The backend is closed after the worker has stopped, never under a running activity.
        try (AzureBackend azure =
            azureOptions
                .service()
                .orElseGet(
                    () ->
                        simulatorOptions.apply(
                            SimulatedAzure.seeded(scenario, SimulatedAzure.DEFAULT_BLOCK_SIZE)))) {
          WorkerFactory factory = ReprotectWorker.start(connection.client(service), azure, sizing);
          System.out.printf(
              "Worker on task queues '%s' (%d slots), '%s' (%d slots) and '%s' "
                  + "(%d slots) of %s (namespace %s), with %s.%n"
                  + "Try: reprotect plan %s --vault %s%n     reprotect start %s --vault %s --wait%n"
                  + "Ctrl-C stops the worker.%n",
              TaskQueues.REPROTECT,
              sizing.stepSlots(),
              TaskQueues.syncQueueOf(TaskQueues.REPROTECT),
              sizing.syncSlots(),
              TaskQueues.shipmentQueueOf(TaskQueues.REPROTECT),
              sizing.shipmentSlots(),
              connection.address(),
              connection.namespace(),
              azureOptions.url != null
                  ? "the simulated Azure at " + azureOptions.url
                  : "an in-process simulated Azure: VM "
                      + scenario.vm()
                      + " of vault "
                      + scenario.vault()
                      + " in "
                      + scenario.sourceRegion()
                      + ", its stale original in "
                      + scenario.targetRegion(),
              scenario.vm(),
              scenario.vault(),
              scenario.vm(),
              scenario.vault());
          try (HealthFile.Signal health =
              healthFile.start(() -> !factory.isShutdown() && answers(service))) {
            stop.await();
          }
          WorkerShutdown.stop(factory, grace);
        }
      } finally {
        service.shutdown();
      }
      return ExitCodes.OK;
    }
  }

  /** Healthy means polling a Temporal service that answers. */
  private static boolean answers(WorkflowServiceStubs service) {
    try {
      service
          .blockingStub()
          .withDeadlineAfter(5, TimeUnit.SECONDS)
          .getSystemInfo(GetSystemInfoRequest.getDefaultInstance());
      return true;
    } catch (StatusRuntimeException unreachable) {
      return false;
    }
  }

  private WorkerSizing sizing() {
    if (stepSlots < 1 || syncSlots < 1 || shipmentSlots < 1) {
      throw new ParameterException(
          spec.commandLine(),
          "--step-slots, --sync-slots and --shipment-slots need at least 1 slot each");
    }
    return new WorkerSizing(stepSlots, syncSlots, shipmentSlots);
  }

  private void registerSearchAttributes(WorkflowServiceStubs service) {
    try {
      List<String> added = SearchAttributeSetup.registerMissing(service, connection.namespace());
      if (!added.isEmpty()) {
        System.out.println("Registered search attributes " + added);
      }
    } catch (RuntimeException refused) {
      // A log line, not a print to stderr: in JSON mode every line on stderr is JSON.
      LOG.warn(
          "Could not register the search attributes ({}). Add them with: {}",
          refused.getMessage(),
          SearchAttributeSetup.manualCommand(connection.namespace()));
    }
  }
}
