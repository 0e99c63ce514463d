package dev.reprotect.worker.cli;

import dev.reprotect.worker.client.DisableJobs;
import dev.reprotect.worker.client.JobsClient;
import dev.reprotect.worker.render.DisableFormat;
import dev.reprotect.worker.render.ItemJobSteps;
import dev.reprotect.worker.render.Json;
import dev.reprotect.workflows.disable.DisableSummary;
import java.util.concurrent.CompletableFuture;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "disable",
    mixinStandardHelpOptions = true,
    description = {
      "Stop and remove the protection of one VM.",
      "%nRuns workflow disable.<vault>.<vm>: claims the item, stops its replication, then "
          + "deletes what the protection made: its recovery points and their snapshots, the "
          + "snapshots of the VM's cuts, the replicas in the other region, its staging blobs in "
          + "the cache account, and the resource groups, storage accounts and availability sets "
          + "its enable or reprotects created, each only once it is empty and no other item uses "
          + "it (a cache account shared with other VMs stays). It removes the item from the "
          + "vault last.%n",
      "Never deleted: the VM, its disks, and every resource that existed before the protection "
          + "and was reused by it (shown as existing in the plan). Refused, changing nothing: "
          + "ItemNotFound, OperationInProgress, TestFailoverInProgress (clean the drill up "
          + "first), FailoverNotCommitted (the VM runs from a recovery point: commit the failover "
          + "first). A failed or cancelled disable leaves the item DisableFailed; disable it "
          + "again to delete what is left. Follow it with `status --disable`, or pass --wait.%n"
    })
final class DisableCommand extends ClientCommand {
  @Mixin ItemArguments item;

  @Option(names = "--wait", description = "Wait for the job to end, showing its steps.")
  boolean waitForEnd;

  @Option(names = "--no-wait", description = "Start the job and return (the default).")
  boolean noWait;

  @Override
  int run(JobsClient jobs) {
    DisableJobs disables = jobs.disables();
    String workflowId = disables.start(item.vault, item.vm);
    if (!waitForEnd || noWait) {
      return output.started(workflowId, item.vm + " --vault " + item.vault + " --disable");
    }
    if (!output.json) {
      output.out.println("Started " + workflowId);
    }
    DisableSummary summary =
        ItemJobSteps.follow(
            CompletableFuture.supplyAsync(() -> disables.await(workflowId)),
            () -> disables.query(workflowId),
            !output.json,
            output.out);
    if (output.json) {
      output.out.println(Json.write(summary));
    } else {
      DisableFormat.summary(summary, output.out);
    }
    return ExitCodes.OK;
  }
}
