package dev.reprotect.worker.cli;

import dev.reprotect.activities.failover.FailoverRequest;
import dev.reprotect.worker.client.JobsClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "commit",
    mixinStandardHelpOptions = true,
    description = {
      "Commit the failover of one VM.",
      "%nThe item becomes FailoverCommitted and its recovery points (with their cuts, and the "
          + "replicas of the old direction) are deleted: the VM runs unprotected in its new region until `start` "
          + "reprotects it. A run of workflow failover.<vault>.<vm>; follow it with "
          + "`status --failover`, or pass --wait. Refused (changing nothing) with NotFailedOver, "
          + "ItemNotFound, OperationInProgress.%n"
    })
final class CommitCommand extends ClientCommand {
  @Mixin ItemArguments item;

  @Option(names = "--wait", description = "Wait for the job to end, showing its progress.")
  boolean waitForEnd;

  @Override
  int run(JobsClient jobs) {
    return FailoverProgress.start(
        jobs.failovers(), FailoverRequest.commit(item.vault, item.vm), waitForEnd, output);
  }
}
