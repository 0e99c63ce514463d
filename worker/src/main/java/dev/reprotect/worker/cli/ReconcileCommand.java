package dev.reprotect.worker.cli;

import dev.reprotect.worker.client.JobsClient;
import dev.reprotect.worker.render.Json;
import dev.reprotect.workflows.reconcile.ReconcileAction;
import dev.reprotect.workflows.reconcile.ReconcileResult;
import picocli.CommandLine.Command;

@Command(
    name = "reconcile",
    mixinStandardHelpOptions = true,
    description = {
      "Restart every lost replication once, now, and end those of items that are gone.",
      "%nRuns workflow reconcile.replications on a worker: it lists the items of every vault of "
          + "the backend, restarts the replication of each Protected item (no operation running "
          + "on it) whose workflow replication.<vault>.<vm> does not run, as `replication VM "
          + "--vault V --start` does, and terminates the replications of items their vault no "
          + "longer has (only where the Temporal service can list workflows: not the embedded "
          + "one), and starts scrub.<vault>.<vm> for each such item whose replica is due a scrub "
          + "(never scrubbed, or last scrubbed one scrub interval of its policy ago; see `scrub "
          + "--help`). Each action is logged by the worker, counted in metric "
          + "reprotect_reconciler_actions_total{action} (Restarted, RestartFailed, Ended, "
          + "ScrubStarted) and printed here. A worker (reprotect worker, reprotect dev) also runs it every 5 "
          + "minutes on a Temporal Schedule, reconcile-replications, where the service has "
          + "schedules.%n"
    })
final class ReconcileCommand extends ClientCommand {
  @Override
  int run(JobsClient jobs) {
    ReconcileResult result = jobs.reconcile();
    if (output.json) {
      output.out.println(Json.write(result));
      return ExitCodes.OK;
    }
    output.out.printf(
        "%d items, %d Protected with no operation running%s%n",
        result.items(),
        result.replicating(),
        result.listedRunning()
            ? ""
            : "; this service cannot list workflows: replications of gone items not looked for");
    for (ReconcileAction action : result.actions()) {
      output.out.printf(
          "%s %s of vault %s: %s%n", action.action(), action.vm(), action.vault(), action.detail());
    }
    if (result.actions().isEmpty()) {
      output.out.println("Nothing to do: every replication that must run runs.");
    }
    return ExitCodes.OK;
  }
}
