package dev.reprotect.worker.cli;

import dev.reprotect.activities.enable.EnableRequest;
import dev.reprotect.azure.ReplicationPolicy;
import dev.reprotect.worker.client.JobsClient;
import dev.reprotect.worker.render.JobProgressDisplay;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "enable",
    mixinStandardHelpOptions = true,
    description = {
      "Protect a VM for the first time.",
      "%nRegisters the VM as an item of the vault, copies its disks in full to the other region "
          + "(a cut of all its disks at one instant: the first recovery point) and starts its "
          + "replication; the item is then Protected. The job runs as workflow "
          + "enable.<vault>.<vm>, with the steps of `start`; follow it with `status --enable`, or "
          + "pass --wait. Refused (changing nothing) with SourceVmNotFound, SourceVmAmbiguous, "
          + "SourceVmNotRunning, AlreadyEnabled, OperationInProgress, NetworkMappingMissing, "
          + "TargetRegionUnavailable, InvalidPolicy, ItemNotFound (no such vault). A failed "
          + "enable leaves the item EnableFailed; enable it again to resume.%n"
    })
final class EnableCommand extends ClientCommand {
  @Mixin ItemArguments item;

  @Option(
      names = "--target-region",
      paramLabel = "REGION",
      description =
          "The region to "
              + "protect the VM to; by default the one region its network is mapped to.")
  String targetRegion;

  @Option(
      names = "--retention-days",
      paramLabel = "DAYS",
      description =
          "How long recovery " + "points are kept, 0 to 15 days (default: ${DEFAULT-VALUE}).")
  int retentionDays = ReplicationPolicy.defaultPolicy().retentionDays();

  @Option(
      names = "--app-consistent-minutes",
      paramLabel = "MINUTES",
      description =
          "Minutes "
              + "between app-consistent points: 0 (off) or at least 60 (default: ${DEFAULT-VALUE}).")
  int appConsistentMinutes = ReplicationPolicy.defaultPolicy().appConsistentFrequencyMinutes();

  @Option(
      names = "--scrub-interval-days",
      paramLabel = "DAYS",
      description =
          "Days between "
              + "scrubs of the replica (see `scrub --help`), started by the reconciler: 0 (never) to "
              + "365 (default: ${DEFAULT-VALUE}).")
  int scrubIntervalDays = ReplicationPolicy.DEFAULT_SCRUB_INTERVAL_DAYS;

  @Option(names = "--wait", description = "Wait for the job to end, showing its progress.")
  boolean waitForEnd;

  @Override
  int run(JobsClient jobs) {
    String workflowId =
        jobs.enable(
            EnableRequest.of(item.vault, item.vm)
                .withTargetRegion(targetRegion)
                .withPolicy(retentionDays, appConsistentMinutes)
                .withScrubIntervalDays(scrubIntervalDays));
    if (!waitForEnd) {
      return output.started(workflowId, item.vm + " --vault " + item.vault + " --enable");
    }
    if (!output.json) {
      output.out.println("Started " + workflowId);
    }
    return output.summary(JobProgressDisplay.awaitEnd(jobs, workflowId, !output.json, output.out));
  }
}
