package dev.reprotect.worker.cli;

import dev.reprotect.activities.ReprotectRequest;
import dev.reprotect.worker.client.JobsClient;
import dev.reprotect.worker.render.JobProgressDisplay;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "start",
    mixinStandardHelpOptions = true,
    description = {
      "Start the reprotect job of one VM.",
      "%nReverses its replication so that it is protected again. The job runs on a worker as "
          + "workflow reprotect.<vault>.<vm>; follow it with `status`, or pass --wait.%n"
    })
final class StartCommand extends ClientCommand {
  @Mixin ItemArguments item;

  @Mixin CustomizationOptions customization;

  @Option(names = "--wait", description = "Wait for the job to end, showing its progress.")
  boolean waitForEnd;

  @Option(
      names = "--plan",
      paramLabel = "DIGEST",
      converter = PlanDigestConverter.class,
      description =
          "Run only the plan reviewed with `plan`: its digest, or a prefix of at "
              + "least 12 characters. If the job would run another plan, it is refused with "
              + "PlanChanged and changes nothing.")
  String reviewedPlan;

  @Option(
      names = "--full-compare",
      description =
          "Compare every allocated block of every disk, as for a first protection, even where "
              + "the failover's lineage would let the sync send only the blocks changed since "
              + "the failover: for an operator who distrusts that lineage. The plan says "
              + "full-compare (Requested) for each disk.")
  boolean fullCompare;

  @Override
  int run(JobsClient jobs) {
    String workflowId =
        jobs.start(
            new ReprotectRequest(item.vault, item.vm, customization.toCustomization())
                .withReviewedPlan(reviewedPlan)
                .withFullCompare(fullCompare));
    if (!waitForEnd) {
      return output.started(workflowId, item.vm + " --vault " + item.vault);
    }
    if (!output.json) {
      output.out.println("Started " + workflowId);
    }
    return output.summary(JobProgressDisplay.awaitEnd(jobs, workflowId, !output.json, output.out));
  }
}
