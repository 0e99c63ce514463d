package dev.reprotect.worker.cli;

import dev.reprotect.activities.ReprotectPlan;
import dev.reprotect.activities.ReprotectRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "plan", mixinStandardHelpOptions = true, description = {
    "Review a reprotect before starting it; changes nothing.",
    "%nChecks the prerequisites and lists every artefact with its final name, (new) or existing, "
        + "and how each disk will be synced. Runs as a short workflow on a worker.%n"})
final class PlanCommand extends ClientCommand {
  @Mixin
  ItemArguments item;

  @Mixin
  CustomizationOptions customization;

  @Override
  int run(ReprotectJobs jobs) {
    ReprotectPlan plan =
        jobs.plan(new ReprotectRequest(item.vault, item.vm, customization.toCustomization()));
    if (output.json) {
      output.out.println(Json.write(plan));
    } else {
      HumanFormat.plan(plan, output.out);
    }
    return ExitCodes.OK;
  }
}
