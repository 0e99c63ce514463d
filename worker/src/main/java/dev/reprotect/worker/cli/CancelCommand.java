package dev.reprotect.worker.cli;

import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "cancel", mixinStandardHelpOptions = true, description = {
    "Cancel the running job of one VM.",
    "%nThe job stops at the next safe point (never half-way through deleting or copying) and "
        + "leaves the item ReprotectFailed; a re-run reuses what was done.%n"})
final class CancelCommand extends ClientCommand {
  @Mixin
  ItemArguments item;

  @Override
  int run(ReprotectJobs jobs) {
    jobs.cancel(item.workflowId());
    output.out.println(output.json
        ? Json.write(Map.of("workflowId", item.workflowId(), "cancelRequested", true))
        : "Cancellation requested for " + item.workflowId());
    return ExitCodes.OK;
  }
}
