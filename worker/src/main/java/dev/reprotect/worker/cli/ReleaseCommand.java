package dev.reprotect.worker.cli;

import dev.reprotect.activities.item.ClaimErrorCode;
import dev.reprotect.activities.item.StaleClaim;
import dev.reprotect.azure.RunningOperation;
import dev.reprotect.worker.client.CommandFailure;
import dev.reprotect.worker.client.JobsClient;
import dev.reprotect.worker.client.WorkflowExecutions;
import dev.reprotect.worker.render.Json;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "release",
    mixinStandardHelpOptions = true,
    description = {
      "Show, or clear with --force, the claim on one VM's item: the operation it records as running.",
      "%nA job claims the item while it runs and releases it when it ends. A run that was terminated,"
          + " or whose release gave up, leaves its claim, and every later job of another workflow id"
          + " is refused with OperationInProgress (a new run of the same workflow id takes it over"
          + " by itself). With --force, a claim whose workflow run is not running is cleared, after"
          + " a confirmation, and the item is left ReprotectFailed, ready for a re-run. The check and"
          + " the release run as short workflows on a worker.%n"
    })
final class ReleaseCommand extends ClientCommand {
  static final String NOT_CONFIRMED = "NotConfirmed";

  @Mixin ItemArguments item;

  @Option(names = "--force", description = "Clear the claim if its workflow run is not running.")
  boolean force;

  @Option(names = "--yes", description = "With --force: do not ask for a confirmation.")
  boolean yes;

  InputStream in = System.in;

  @Override
  int run(JobsClient jobs) {
    RunningOperation claim = jobs.claimOf(item.vault, item.vm);
    Optional<WorkflowExecutionStatus> status = jobs.runStatus(claim);
    String runStatus = status.map(WorkflowExecutions::name).orElse("NOT_FOUND");
    if (force) {
      if (status
          .filter(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING::equals)
          .isPresent()) {
        throw new CommandFailure(
            ClaimErrorCode.ClaimHeldByRunningWorkflow.name(),
            String.format(
                "%s is claimed by %s, which is running: it releases the item when it ends (reprotect"
                    + " cancel stops a job)",
                item.vm, claim));
      }
      if (!yes && !confirmed(claim, runStatus)) {
        throw new CommandFailure(NOT_CONFIRMED, "the release was not confirmed; nothing changed");
      }
      jobs.releaseStaleClaim(new StaleClaim(item.vault, item.vm, claim));
    }
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("vault", item.vault);
    result.put("vm", item.vm);
    result.put("claim", claim);
    result.put("runStatus", runStatus);
    result.put("released", force);
    if (output.json) {
      output.out.println(Json.write(result));
    } else if (force) {
      output.out.printf(
          "Released the claim of %s on %s (its run: %s); the item is "
              + "ReprotectFailed, ready for a re-run%n",
          claim, item.vm, runStatus);
    } else {
      output.out.printf(
          "%s is claimed by %s since %s; its run is %s.%s%n",
          item.vm,
          claim,
          claim.startedAt(),
          runStatus,
          runStatus.equals("RUNNING")
              ? ""
              : " Clear the claim with: reprotect release "
                  + item.vm
                  + " --vault "
                  + item.vault
                  + " --force");
    }
    return ExitCodes.OK;
  }

  private boolean confirmed(RunningOperation claim, String runStatus) {
    output.err.printf(
        "Release the claim of %s on %s (its run is %s)? The item is left "
            + "ReprotectFailed. [y/N] ",
        claim, item.vm, runStatus);
    output.err.flush();
    try {
      String answer =
          new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
      return answer != null
          && (answer.trim().equalsIgnoreCase("y") || answer.trim().equalsIgnoreCase("yes"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
