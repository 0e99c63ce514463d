package dev.reprotect.worker.cli;

import static dev.reprotect.workflows.ByteSizes.format;

import dev.reprotect.azure.AzureBackend;
import dev.reprotect.azure.AzureException;
import dev.reprotect.azure.ChurnPattern;
import dev.reprotect.azure.ChurnSpec;
import dev.reprotect.azure.ChurnStatus;
import dev.reprotect.azure.ReplicatedItem;
import dev.reprotect.worker.client.CliError;
import dev.reprotect.worker.render.Json;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(
    name = "churn",
    mixinStandardHelpOptions = true,
    description = {
      "Start, stop or show the guest writes (churn) of a VM on a running `reprotect sim`.",
      "%nThe VM's guest writes random bytes to random blocks of each of its disks, at --mbps MB/s "
          + "per disk in simulated time (the simulator's time scale; real time at scale 0), "
          + "until stopped. The VM is the active (source) side of the vault's replicated item. "
          + "With --mbps it starts (or changes) the churn, with --stop it stops it, with neither "
          + "it shows it. The guest writes only while the VM runs. Unlike the job commands, this "
          + "one talks to the simulated Azure service (--azure-url, --azure-token), not to "
          + "Temporal.%n"
    })
final class ChurnCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin ItemArguments item;

  @Mixin AzureOptions azure;

  @Mixin Output output;

  @Option(
      names = "--mbps",
      paramLabel = "N",
      description = "Megabytes per second written to each disk, in simulated time.")
  Double megabytesPerSecond;

  @Option(
      names = "--pattern",
      defaultValue = "random",
      paramLabel = "random|hot-spot",
      description =
          "random: anywhere on the disk; hot-spot: 80%% of the writes into the first "
              + "tenth of each disk (default: ${DEFAULT-VALUE}).")
  String pattern;

  @Option(
      names = "--seed",
      defaultValue = "0",
      paramLabel = "S",
      description = "Seed of the blocks and bytes written (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--stop", description = "Stop the churn.")
  boolean stop;

  @Override
  public Integer call() {
    ChurnSpec wanted = wantedSpec();
    AzureBackend backend = service();
    try {
      ReplicatedItem replicated =
          backend
              .recoveryServices()
              .replicatedItem(item.vault, item.vm)
              .orElseThrow(
                  () ->
                      AzureException.notFound(
                          "replicated item " + item.vm + " of vault " + item.vault));
      String resourceGroup = replicated.source().resourceGroup();
      if (stop) {
        backend.workload().stopChurn(resourceGroup, item.vm);
      } else if (wanted != null) {
        backend.workload().startChurn(resourceGroup, item.vm, wanted);
      }
      report(resourceGroup, backend.workload().churn(resourceGroup, item.vm));
      return ExitCodes.OK;
    } catch (AzureException e) {
      return output.fail(new CliError(e.code().name(), e.getMessage()));
    } finally {
      backend.close();
    }
  }

  /** The spec to start, or null when the command only stops or shows. */
  private ChurnSpec wantedSpec() {
    if (stop && megabytesPerSecond != null) {
      throw usage("--stop and --mbps exclude each other");
    }
    if (megabytesPerSecond == null) {
      return null;
    }
    if (!(megabytesPerSecond > 0) || megabytesPerSecond.isInfinite()) {
      throw usage("--mbps must be a positive number, not " + megabytesPerSecond);
    }
    return new ChurnSpec(megabytesPerSecond, parsePattern(), seed);
  }

  private ChurnPattern parsePattern() {
    return switch (pattern.toLowerCase(Locale.ROOT)) {
      case "random" -> ChurnPattern.Random;
      case "hot-spot", "hotspot" -> ChurnPattern.HotSpot;
      default -> throw usage("--pattern is random or hot-spot, not " + pattern);
    };
  }

  private AzureBackend service() {
    try {
      return azure
          .service()
          .orElseThrow(
              () ->
                  usage(
                      "churn needs the simulated Azure service: --azure-url (as `reprotect sim` prints it)"));
    } catch (IllegalArgumentException e) {
      throw usage(e.getMessage());
    }
  }

  private void report(String resourceGroup, Optional<ChurnStatus> churn) {
    if (output.json) {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("vm", item.vm);
      body.put("resourceGroup", resourceGroup);
      body.put("churning", churn.isPresent());
      churn.ifPresent(
          status -> {
            body.put("megabytesPerSecondPerDisk", status.spec().megabytesPerSecondPerDisk());
            body.put("pattern", status.spec().pattern());
            body.put("seed", status.spec().seed());
            body.put("blocksWritten", status.blocksWritten());
            body.put("bytesWritten", status.bytesWritten());
          });
      output.out.println(Json.write(body));
    } else if (churn.isEmpty()) {
      output.out.printf("%s (%s): no churn%n", item.vm, resourceGroup);
    } else {
      ChurnStatus status = churn.get();
      output.out.printf(
          Locale.ROOT,
          "%s (%s): churning %.1f MB/s per disk, %s, seed %d; " + "%d blocks (%s) written so far%n",
          item.vm,
          resourceGroup,
          status.spec().megabytesPerSecondPerDisk(),
          status.spec().pattern(),
          status.spec().seed(),
          status.blocksWritten(),
          format(status.bytesWritten()));
    }
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }
}
