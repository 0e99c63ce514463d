package dev.reprotect.worker.cli;

import static dev.reprotect.workflows.ByteSizes.format;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.reprotect.activities.ReprotectErrorCode;
import dev.reprotect.activities.ReprotectRequest;
import dev.reprotect.azure.AzureBackend;
import dev.reprotect.azure.ChurnPattern;
import dev.reprotect.azure.ChurnSpec;
import dev.reprotect.azure.ReplicatedItem;
import dev.reprotect.azure.TransientRetries;
import dev.reprotect.azure.sim.Scenario;
import dev.reprotect.azure.sim.ScenarioSeeder;
import dev.reprotect.azure.sim.SimulatedAzure;
import dev.reprotect.worker.MetricsEndpoint;
import dev.reprotect.worker.client.CommandFailure;
import dev.reprotect.worker.client.JobFailures;
import dev.reprotect.worker.client.JobsClient;
import dev.reprotect.worker.demo.BrokenRules;
import dev.reprotect.worker.demo.ReplicationDemo;
import dev.reprotect.worker.demo.RoundTrip;
import dev.reprotect.worker.demo.RoundTripFormat;
import dev.reprotect.worker.render.HumanFormat;
import dev.reprotect.worker.render.JobProgressDisplay;
import dev.reprotect.worker.render.Json;
import dev.reprotect.workflows.reprotect.ProtectionSummary;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Run one reprotect end to end in this JVM, with nothing to install.",
      "%nAn in-process Temporal service, a worker with the simulated Azure backend and the client "
          + "share this JVM. The simulator is seeded with a VM failed over from the target region to "
          + "the source region and committed; its stale original is still in the target region. "
          + "The job stops the stale VM, seeds from its disks, deletes it, syncs only the blocks that "
          + "differ, and starts delta replication back to the target region.%n",
      "With --churn the source VM's guest writes to its disks from before the job starts, so "
          + "writes land during the initial sync too. With --cycles the demo then watches that "
          + "many replication cycles go by (each: blocks changed, bytes shipped, its recovery "
          + "point, and what the guest wrote meanwhile), stops the replication and checks the "
          + "replicas against the newest point's cut from bytes. The demo shortens the interval "
          + "between cycles to --cycle-seconds; the product's is fixed at 5 minutes.%n",
      "With --address (or another flag naming a Temporal service) the jobs run on that service's "
          + "workers instead, and --azure-url names the Azure service they reach: `reprotect "
          + "dev`'s, for one. The demo seeds its VM there when the service does not hold it.%n"
    })
final class DemoCommand implements Callable<Integer> {
  /** The round trip's churn, when --churn does not set it. */
  private static final double ROUND_TRIP_CHURN_MBPS = 4;

  /** What the guest writes to each disk in each churn phase of the round trip. */
  private static final long ROUND_TRIP_CHURN_BYTES_PER_DISK = 1L << 20;

  @Spec CommandSpec spec;

  @Mixin ScenarioOptions scenarioOptions;

  @Mixin Output output;

  @Mixin SimulatorOptions simulatorOptions;

  @Mixin AzureOptions azureOptions;

  @Mixin ConnectionOptions connection;

  @Mixin MetricsOption metricsOption;

  @Option(
      names = "--broken",
      paramLabel = "CODE",
      description =
          "Break one prerequisite, to see it refused with its code and nothing changed: "
              + "${COMPLETION-CANDIDATES}.")
  ReprotectErrorCode broken;

  @Option(
      names = "--churn",
      paramLabel = "MBPS",
      description =
          "The source VM's guest writes random blocks to each of its disks at MBPS "
              + "MB/s (pattern random, seed "
              + ReplicationDemo.CHURN_SEED
              + "), from before the job starts to the "
              + "end of the demo.")
  Double churn;

  @Option(
      names = "--cycles",
      defaultValue = "0",
      paramLabel = "N",
      description =
          "After the job: wait for N replication cycles beyond the first point, show "
              + "each, then stop the replication and check the replicas (default: none).")
  int cycles;

  @Option(
      names = "--cycle-seconds",
      defaultValue = "3",
      paramLabel = "S",
      description =
          "With --cycles: seconds between cycles, the demo's compression of the "
              + "product's fixed 5 minutes (default: ${DEFAULT-VALUE}).")
  int cycleSeconds;

  @Option(
      names = "--round-trip",
      description =
          "Instead of one reprotect: protect an "
              + "unprotected VM and take it round the whole cycle (enable, churn, test failover and its "
              + "cleanup, failover, commit, reprotect, churn, failback, commit, reprotect), one line per "
              + "hop, then compare the backend's inventory with what a protected VM needs.")
  boolean roundTrip;

  @Override
  public Integer call() {
    refuseBadReplicationOptions();
    if (roundTrip) {
      scenarioOptions.unprotected = true;
    }
    Scenario.Builder world = scenarioOptions.toScenario();
    Scenario scenario = (broken == null ? world : BrokenRules.breakWorld(broken, world)).build();
    ReprotectRequest request =
        broken == null
            ? ReprotectRequest.of(scenario.vault(), scenario.vm())
            : BrokenRules.breakRequest(broken, scenario);
    if (cycles > 0) {
      request = request.withReplicationCycleSeconds(cycleSeconds);
    }

    try {
      return run(scenario, request);
    } catch (RuntimeException e) {
      return output.fail(
          JobFailures.describe(e, connection.anyFlagGiven() ? connection.address() : null));
    }
  }

  private int run(Scenario scenario, ReprotectRequest request) {
    long seedStart = System.nanoTime();
    info(
        String.format(
            "Seeding the simulated Azure: %s (vault %s) failed over %s -> %s, %d "
                + "disks of %s, %d%% written, %d%% changed since, stale VM %s",
            scenario.vm(),
            scenario.vault(),
            scenario.targetRegion(),
            scenario.sourceRegion(),
            scenario.dataDisks() + 1,
            format(scenario.diskSizeBytes()),
            scenario.allocatedPercent(),
            scenario.changedPercent(),
            scenario.targetVm().name().toLowerCase(Locale.ROOT)));
    try (MetricsEndpoint metrics = metricsOption.start(spec);
        AzureBackend azure = backend(scenario);
        DemoTemporal temporal =
            connection.anyFlagGiven()
                ? DemoTemporal.service(connection, metrics == null ? null : metrics.scope())
                : DemoTemporal.embedded(azure, metrics == null ? null : metrics.scope())) {
      // The demo's own calls run outside Temporal: they ride out transient faults (a 429, a
      // copy that failed) by calling again, as the embedded worker's activities do by policy.
      AzureBackend client = TransientRetries.of(azure);
      if (azureOptions.url != null) {
        seedService(client, scenario);
      }
      if (metrics != null) {
        info(metrics.where());
      }
      info(
          String.format(
              Locale.ROOT,
              "Seeded in %.1f s. The jobs run on %s.",
              (System.nanoTime() - seedStart) / 1e9,
              temporal.where()));
      String stateBefore = client.exportState();
      int logBefore = client.metering().activityLog().size();
      JobsClient jobs = new JobsClient(temporal.client());
      if (roundTrip) {
        return roundTrip(jobs, client, scenario);
      }
      // Only --churn and --cycles need it (and --broken excludes them).
      ReplicationDemo replication =
          churn != null || cycles > 0
              ? new ReplicationDemo(jobs.replications(), client, scenario.vault(), scenario.vm())
              : null;
      try {
        if (churn != null) {
          replication.startChurn(
              new ChurnSpec(churn, ChurnPattern.Random, ReplicationDemo.CHURN_SEED));
          info(
              String.format(
                  Locale.ROOT,
                  "The guest of %s writes %.1f MB/s to each disk.",
                  scenario.vm(),
                  churn));
        }
        long churnAtJobStart = replication == null ? 0 : replication.churnBytes();
        String workflowId = jobs.start(request);
        info("Job " + workflowId);
        ProtectionSummary summary;
        try {
          summary = JobProgressDisplay.awaitEnd(jobs, workflowId, !output.json, output.out);
        } catch (RuntimeException failure) {
          int status = output.fail(JobFailures.describe(failure));
          if (broken != null) {
            boolean unchanged =
                stateBefore.equals(client.exportState())
                    && logBefore == client.metering().activityLog().size();
            info(
                unchanged
                    ? "The backend is unchanged: same resources, same disk contents, no new entry in "
                        + "its activity log."
                    : "WARNING: the refused request changed the backend.");
          }
          return status;
        }
        if (cycles == 0) {
          return output.summary(summary);
        }
        return replicate(replication, summary, churnAtJobStart);
      } finally {
        if (replication != null && churn != null) {
          replication.stopChurn();
        }
      }
    }
  }

  /** Watches the cycles after the job, then prints the job's summary and the replication's. */
  private int replicate(
      ReplicationDemo replication, ProtectionSummary summary, long churnAtJobStart) {
    if (!output.json) {
      HumanFormat.summary(summary, output.out);
      output.out.printf(
          "%nReplication: a cycle every %d s (the demo's compression; the "
              + "product's interval is fixed at 5 minutes). Waiting for %d cycles.%n",
          cycleSeconds, cycles);
    }
    ReplicationDemo.Result result =
        replication.run(
            cycles,
            cycleSeconds,
            churnAtJobStart,
            cycle ->
                info(
                    String.format(
                        Locale.ROOT,
                        "  cycle %d: %s in %.1f s, %d blocks changed, "
                            + "%s shipped, point %s; the guest wrote %s",
                        cycle.number(),
                        cycle.succeeded() ? "ok" : "FAILED (" + cycle.error() + ")",
                        cycle.millis() / 1e3,
                        cycle.blocksChanged(),
                        format(cycle.bytesShipped()),
                        cycle.pointId(),
                        format(cycle.churnBytes()))));
    if (output.json) {
      output.out.println(Json.write(new DemoResult(summary, result)));
    } else {
      output.out.printf(
          Locale.ROOT,
          "%nReplication %s after %d cycles: %s shipped for %s "
              + "written by the guest%s. RPO %s, %s; newest point %s.%n",
          result.state(),
          result.cyclesRun(),
          format(result.bytesShipped()),
          format(result.churnBytes()),
          result.shippedPerChurned() == null
              ? ""
              : String.format(Locale.ROOT, " (%.2f)", result.shippedPerChurned()),
          result.rpoSeconds() == null ? "none" : HumanFormat.age(result.rpoSeconds()),
          result.health(),
          result.newestPoint());
      for (ReplicationDemo.DiskChecksum disk : result.checksums()) {
        output.out.printf(
            "  %-8s source at the cut %s replica  %s%n",
            disk.slot(), disk.equal() ? "=" : "DIFFERS FROM", disk.cut().substring(0, 12));
      }
    }
    return result.replicasMatch() ? ExitCodes.OK : ExitCodes.FAILED;
  }

  private int roundTrip(JobsClient jobs, AzureBackend azure, Scenario scenario) {
    double rate = churn == null ? ROUND_TRIP_CHURN_MBPS : churn;
    long perPhase = (scenario.dataDisks() + 1) * ROUND_TRIP_CHURN_BYTES_PER_DISK;
    RoundTrip.Result result =
        new RoundTrip(jobs, azure, scenario, rate, perPhase)
            .run(hop -> info(RoundTripFormat.hop(hop)));
    if (output.json) {
      output.out.println(Json.write(result));
      if (!result.succeeded()) {
        output.err.println(RoundTripFormat.verdict(result));
      }
    } else {
      RoundTripFormat.ending(result, output.out);
    }
    return result.succeeded() ? ExitCodes.OK : ExitCodes.FAILED;
  }

  /** The demo's JSON with --cycles: the job's summary, and the replication after it. */
  record DemoResult(
      @JsonUnwrapped ProtectionSummary summary,
      @JsonInclude(JsonInclude.Include.NON_NULL) ReplicationDemo.Result replication) {}

  private void refuseBadReplicationOptions() {
    if (churn != null && (!(churn > 0) || churn.isInfinite())) {
      throw new ParameterException(
          spec.commandLine(), "--churn must be a positive number of MB/s, not " + churn);
    }
    if (cycles < 0 || cycleSeconds < 1) {
      throw new ParameterException(
          spec.commandLine(), "--cycles is 0 or more and --cycle-seconds at least 1");
    }
    if (roundTrip && (broken != null || cycles > 0)) {
      throw new ParameterException(
          spec.commandLine(), "--round-trip excludes --broken and --cycles");
    }
    if (connection.anyFlagGiven() && azureOptions.url == null) {
      throw new ParameterException(
          spec.commandLine(),
          "a Temporal service's workers reach the "
              + "Azure service they were started with, not this process's simulator: --address "
              + "needs --azure-url (and --azure-token)");
    }
    if (broken != null && (churn != null || cycles > 0)) {
      throw new ParameterException(
          spec.commandLine(),
          "--broken excludes --churn and --cycles: a refused job starts no replication");
    }
  }

  /**
   * The in-process simulator seeded with the scenario, or the service named by --azure-url, seeded
   * by {@link #seedService} once the Temporal service, if one is named, has answered.
   */
  private AzureBackend backend(Scenario scenario) {
    return azureOptions
        .service()
        .orElseGet(
            () ->
                simulatorOptions.apply(
                    SimulatedAzure.seeded(scenario, SimulatedAzure.DEFAULT_BLOCK_SIZE)));
  }

  /**
   * Seeds the service when it does not hold the scenario's item yet: a new VM joins the world the
   * service holds, beside its other items; an item it holds already is used as it is. An
   * unprotected scenario (the round trip's) needs a VM without an item: one the service holds
   * unprotected is used as it is, and an item is refused before anything changes.
   */
  private void seedService(AzureBackend azure, Scenario scenario) {
    Optional<ReplicatedItem> item =
        azure.recoveryServices().replicatedItem(scenario.vault(), scenario.vm());
    if (scenario.unprotected() && item.isPresent()) {
      throw new CommandFailure(
          "ItemExists",
          "vault "
              + scenario.vault()
              + " holds an item for "
              + scenario.vm()
              + " ("
              + item.get().state()
              + "): the round trip starts from an "
              + "unprotected VM; name one the service does not protect with --vm");
    }
    boolean held =
        scenario.unprotected()
            ? azure
                .compute()
                .virtualMachine(
                    ScenarioSeeder.resourceGroupName(scenario.vm(), scenario.sourceRegion()),
                    scenario.vm())
                .isPresent()
            : item.isPresent();
    if (held) {
      info(
          scenario.unprotected()
              ? "The service holds VM "
                  + scenario.vm()
                  + ", unprotected, already: it is used as it"
                  + " is."
              : "The service holds "
                  + scenario.vm()
                  + " in vault "
                  + scenario.vault()
                  + " already: it is used as it is.");
    } else {
      new ScenarioSeeder(azure).seed(scenario);
    }
  }

  private void info(String line) {
    if (!output.json) {
      output.out.println(line);
    }
  }
}
