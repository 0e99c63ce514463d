package dev.reprotect.worker.cli;

import dev.reprotect.activities.failover.FailoverRequest;
import dev.reprotect.worker.client.JobsClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "test-failover-cleanup",
    mixinStandardHelpOptions = true,
    description = {
      "Remove the test failover of one VM.",
      "%nDeletes what the drill made and nothing else: the VM <vm>-test with its disks (those of "
          + "a drill stopped before its VM was made too), then its isolated network; the item's "
          + "record of the drill ends. A run of workflow test-failover.<vault>.<vm>; follow it with "
          + "`status --test-failover`, or pass --wait. Refused (changing nothing) with "
          + "NoTestFailover, NotProtected, ItemNotFound, OperationInProgress.%n"
    })
final class TestFailoverCleanupCommand extends ClientCommand {
  @Mixin ItemArguments item;

  @Option(names = "--wait", description = "Wait for the job to end, showing its progress.")
  boolean waitForEnd;

  @Override
  int run(JobsClient jobs) {
    return FailoverProgress.start(
        jobs.failovers(),
        FailoverRequest.testFailoverCleanup(item.vault, item.vm),
        waitForEnd,
        output);
  }
}
