package dev.reprotect.worker.cli;

import dev.reprotect.activities.failover.FailoverRequest;
import dev.reprotect.activities.failover.PointSelector;
import dev.reprotect.worker.client.JobsClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(
    name = "failover",
    mixinStandardHelpOptions = true,
    description = {
      "Fail one protected VM over to its recovery region, or change the point it runs on.",
      "%nStops the item's replication, creates the VM's disks from the recovery point in the "
          + "recovery region's storage, creates the VM there (its network from the vault's "
          + "network mapping, the availability set recorded on the item) and boots it: the item "
          + "is FailedOver, active in the recovery region. Workflow failover.<vault>.<vm>; follow "
          + "it with `status --failover`, or pass --wait. Before `commit`, --change-point re-creates "
          + "the VM's disks from another point. Refused (changing nothing) with NotProtected, "
          + "TestFailoverInProgress (a drill is live: run test-failover-cleanup first), "
          + "NotFailedOver (--change-point of an item not failed over), RecoveryPointNotFound, "
          + "RecoveryVmNameTaken (a VM of its name in the recovery group that no failover made), "
          + "ItemNotFound, OperationInProgress, NetworkMappingMissing, TargetRegionUnavailable.%n"
    })
final class FailoverCommand extends ClientCommand {
  @Spec CommandSpec spec;

  @Mixin ItemArguments item;

  @Option(
      names = "--point",
      paramLabel = "POINT",
      description = {
        "The recovery point (default: latest):",
        "  latest: a cut of the VM taken and shipped now (the lowest RPO);",
        "  latest-processed: the newest point that exists (the fastest);",
        "  latest-app-consistent: the newest app-consistent point;",
        "  or a point id, as `recovery-points` lists them."
      })
  String point;

  @Option(
      names = "--shutdown-source",
      description =
          "Turn the source VM off first. If that "
              + "fails (its region is down, say), the failover goes on and the job records it.")
  boolean shutdownSource;

  @Option(
      names = "--change-point",
      paramLabel = "ID",
      description =
          "After a failover, before "
              + "commit: re-create the failed-over VM's disks from recovery point ID and boot it again.")
  String changePoint;

  @Option(names = "--wait", description = "Wait for the job to end, showing its progress.")
  boolean waitForEnd;

  /** A usage error is found before anything connects. */
  @Override
  public Integer call() {
    if (changePoint != null && (point != null || shutdownSource)) {
      throw new ParameterException(
          spec.commandLine(), "--change-point takes neither --point nor --shutdown-source");
    }
    return super.call();
  }

  @Override
  int run(JobsClient jobs) {
    FailoverRequest request =
        changePoint != null
            ? FailoverRequest.changePoint(item.vault, item.vm, changePoint)
            : FailoverRequest.failover(
                item.vault, item.vm, point == null ? PointSelector.LATEST : point, shutdownSource);
    return FailoverProgress.start(jobs.failovers(), request, waitForEnd, output);
  }
}
