package dev.reprotect.worker.cli;

import dev.reprotect.azure.NameRules;
import dev.reprotect.azure.sim.Scenario;
import dev.reprotect.azure.sim.SimulatedAzure;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The simulated world a demo or a worker starts from: a VM failed over and committed. */
final class ScenarioOptions {
  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;

  @Option(
      names = "--vault",
      defaultValue = "contoso",
      paramLabel = "NAME",
      description = "Vault name (default: ${DEFAULT-VALUE}).")
  String vault;

  @Option(
      names = "--vm",
      defaultValue = "web-01",
      paramLabel = "NAME",
      description = "VM name (default: ${DEFAULT-VALUE}).")
  String vm;

  @Option(
      names = "--source-region",
      defaultValue = "southeastasia",
      paramLabel = "REGION",
      description = "Region where the failed-over VM runs now (default: ${DEFAULT-VALUE}).")
  String sourceRegion;

  @Option(
      names = "--target-region",
      defaultValue = "eastasia",
      paramLabel = "REGION",
      description =
          "The other region of the pair, where its stale original is (default: ${DEFAULT-VALUE}).")
  String targetRegion;

  @Option(
      names = "--data-disks",
      defaultValue = "1",
      paramLabel = "N",
      description = "Data disks of the VM, besides its OS disk (default: ${DEFAULT-VALUE}).")
  int dataDisks;

  @Option(
      names = "--disk-size",
      defaultValue = "1GiB",
      paramLabel = "SIZE",
      converter = SizeConverter.class,
      description =
          "Size of every disk, OS and data, a multiple of 1MiB: 512MiB, 2GiB, 8GiB ... (default: 1GiB).")
  long diskSize;

  @Option(
      names = "--allocated",
      defaultValue = "25",
      paramLabel = "PCT",
      description = "Share of each disk written, in percent (default: ${DEFAULT-VALUE}).")
  int allocatedPercent;

  @Option(
      names = "--changed",
      defaultValue = "5",
      paramLabel = "PCT",
      description =
          "Share of the allocated blocks changed on the active side since the failover, in percent (default: ${DEFAULT-VALUE}).")
  int changedPercent;

  @Option(
      names = "--target-vm",
      defaultValue = "running",
      paramLabel = "STATE",
      description =
          "The stale VM in the target region: running, stopped or deleted (default: ${DEFAULT-VALUE}).")
  String targetVm;

  @Option(names = "--in-availability-set", description = "Put the VM in an availability set.")
  boolean inAvailabilitySet;

  @Option(
      names = "--unprotected",
      description =
          "Seed the VM as never protected: no item in "
              + "the vault and no VM in the target region, ready for `enable`.")
  boolean unprotected;

  Scenario.Builder toScenario() {
    if (diskSize <= 0 || diskSize % SimulatedAzure.DEFAULT_BLOCK_SIZE != 0) {
      throw new ParameterException(
          spec.commandLine(), "--disk-size must be a positive multiple of 1MiB");
    }
    if (!NameRules.isValidVaultName(vault)) {
      throw new ParameterException(
          spec.commandLine(),
          "--vault: '"
              + vault
              + "' is not a vault "
              + "name (2 to 50 letters, digits and hyphens, starting with a letter)");
    }
    if (!NameRules.isValidVmName(vm)) {
      throw new ParameterException(
          spec.commandLine(),
          "--vm: '"
              + vm
              + "' is not a VM name "
              + "(1 to 64 letters, digits, hyphens, dots and underscores)");
    }
    if (sourceRegion.equals(targetRegion)) {
      throw new ParameterException(
          spec.commandLine(),
          "--source-region and --target-region are the two regions of a pair, not one");
    }
    if (dataDisks < 0 || dataDisks > 64) {
      throw new ParameterException(spec.commandLine(), "--data-disks is 0 to 64");
    }
    if (outOfRange(allocatedPercent) || outOfRange(changedPercent)) {
      throw new ParameterException(spec.commandLine(), "--allocated and --changed are 0 to 100");
    }
    return Scenario.builder()
        .vault(vault)
        .vm(vm)
        .regions(sourceRegion, targetRegion)
        .dataDisks(dataDisks)
        .diskSizeBytes(diskSize)
        .allocatedPercent(allocatedPercent)
        .changedPercent(changedPercent)
        .targetVm(parseTargetVm())
        .inAvailabilitySet(inAvailabilitySet)
        .unprotected(unprotected);
  }

  private Scenario.TargetVm parseTargetVm() {
    return switch (targetVm.toLowerCase()) {
      case "running" -> Scenario.TargetVm.Running;
      case "stopped" -> Scenario.TargetVm.Stopped;
      case "deleted" -> Scenario.TargetVm.Deleted;
      default ->
          throw new ParameterException(
              spec.commandLine(),
              "--target-vm is running, stopped or deleted, not '" + targetVm + "'");
    };
  }

  private static boolean outOfRange(int percent) {
    return percent < 0 || percent > 100;
  }
}
