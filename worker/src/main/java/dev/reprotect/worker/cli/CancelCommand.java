package dev.reprotect.worker.cli;

import dev.reprotect.worker.client.JobsClient;
import dev.reprotect.worker.render.Json;
import java.util.Map;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
    name = "cancel",
    mixinStandardHelpOptions = true,
    description = {
      "Cancel the running job of one VM: its reprotect, or with --failover, --test-failover, "
          + "--enable or --disable that job.",
      "%nThe job stops at the next safe point (never half-way through deleting or copying) and "
          + "leaves the item in its operation's failed state, ready for a re-run that reuses what "
          + "was done: a reprotect ReprotectFailed, a failover FailoverFailed, an enable "
          + "EnableFailed, a disable DisableFailed (a re-run deletes what is left); a change of "
          + "point or a commit leaves it FailedOver. A cancelled test "
          + "failover stays recorded on the item until test-failover-cleanup removes what it "
          + "made.%n"
    })
final class CancelCommand extends ClientCommand {
  @Mixin ItemArguments item;

  @ArgGroup(exclusive = true)
  JobType job;

  @Override
  int run(JobsClient jobs) {
    String workflowId = JobType.workflowId(job, item);
    jobs.cancel(workflowId);
    output.out.println(
        output.json
            ? Json.write(Map.of("workflowId", workflowId, "cancelRequested", true))
            : "Cancellation requested for " + workflowId);
    return ExitCodes.OK;
  }
}
