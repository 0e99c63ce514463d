package dev.reprotect.worker.cli;

import dev.reprotect.activities.failover.FailoverRequest;
import dev.reprotect.activities.failover.PointSelector;
import dev.reprotect.worker.client.JobsClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "test-failover",
    mixinStandardHelpOptions = true,
    description = {
      "Drill a failover of one protected VM, without touching it or its replication.",
      "%nBoots a copy of a recovery point, <vm>-test, in the recovery region on an isolated network "
          + "(created, peered with nothing) in the item's target resource group; the VM, its "
          + "replication and the item (Protected) go on as they were. Remove the drill with "
          + "`test-failover-cleanup`. Workflow test-failover.<vault>.<vm>; follow it with "
          + "`status --test-failover`, or pass --wait. Refused (changing nothing) with "
          + "TestFailoverInProgress (a drill is live, cancelled or failed ones too, until its "
          + "cleanup), TestFailoverNameTooLong (a VM name over 45 characters), "
          + "RecoveryVmNameTaken (a VM named <vm>-test that no drill made), NotProtected, "
          + "RecoveryPointNotFound, "
          + "ItemNotFound, OperationInProgress, NetworkMappingMissing, TargetRegionUnavailable.%n"
    })
final class TestFailoverCommand extends ClientCommand {
  @Mixin ItemArguments item;

  @Option(
      names = "--point",
      paramLabel = "POINT",
      description = {
        "The recovery point (default: latest):",
        "  latest or latest-processed: the newest point that exists (a drill ships no cut);",
        "  latest-app-consistent: the newest app-consistent point;",
        "  or a point id, as `recovery-points` lists them."
      })
  String point = PointSelector.LATEST;

  @Option(names = "--wait", description = "Wait for the job to end, showing its progress.")
  boolean waitForEnd;

  @Override
  int run(JobsClient jobs) {
    return FailoverProgress.start(
        jobs.failovers(),
        FailoverRequest.testFailover(item.vault, item.vm, point),
        waitForEnd,
        output);
  }
}
