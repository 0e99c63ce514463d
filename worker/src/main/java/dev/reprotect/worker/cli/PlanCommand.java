package dev.reprotect.worker.cli;

import dev.reprotect.activities.PlanDigest;
import dev.reprotect.activities.ProtectionPlan;
import dev.reprotect.activities.ReprotectRequest;
import dev.reprotect.worker.client.JobsClient;
import dev.reprotect.worker.render.HumanFormat;
import dev.reprotect.worker.render.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "plan",
    mixinStandardHelpOptions = true,
    description = {
      "Review a reprotect before starting it; changes nothing.",
      "%nChecks the prerequisites and lists every artefact with its final name, (new) or existing, "
          + "and how each disk will be synced. Runs as a short workflow on a worker. Ends with the "
          + "plan's digest: `start --plan DIGEST` runs this plan or nothing.%n"
    })
final class PlanCommand extends ClientCommand {
  @Mixin ItemArguments item;

  @Mixin CustomizationOptions customization;

  @Option(
      names = "--full-compare",
      description =
          "Plan the full compare of every disk, as `start --full-compare` runs it (its digest "
              + "differs from the plan without it).")
  boolean fullCompare;

  @Override
  int run(JobsClient jobs) {
    ProtectionPlan plan =
        jobs.plan(
            new ReprotectRequest(item.vault, item.vm, customization.toCustomization())
                .withFullCompare(fullCompare));
    if (output.json) {
      output.out.println(Json.writeWith(plan, "digest", plan.digest()));
    } else {
      HumanFormat.plan(plan, output.out);
      output.out.printf(
          "%nPlan digest %s%nRun exactly this plan with: reprotect start %s "
              + "--vault %s --plan %s%n",
          plan.digest(), item.vm, item.vault, PlanDigest.shortForm(plan.digest()));
    }
    return ExitCodes.OK;
  }
}
