package dev.reprotect.worker.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "replication", mixinStandardHelpOptions = true, description = {
    "Show (or stop) the replication of one protected VM, running or ended.",
    "%nA reprotect that succeeds starts workflow replication.<vault>.<vm>: every 5 minutes a "
        + "cycle takes a cut of the source VM (every disk at one instant), ships the blocks "
        + "changed since the last cut to the replicas and makes a recovery point of it. Shown: "
        + "its state, the RPO (the age of the newest point), its health (Critical without a point "
        + "for 60 minutes, Warning beyond an RPO of 15 minutes or after a failed cycle), the "
        + "cycles run, the last and recent cycles (blocks changed, bytes shipped, point, "
        + "duration), the last error and the number of points. While it runs the workflow's "
        + "query answers (a worker needed); once it ended, its result (no worker needed).%n",
    "With --stop it sends the workflow's stop update: the replication ends at the next cycle "
        + "boundary (a running cycle completes first) and its final status is shown.%n"})
final class ReplicationCommand extends ClientCommand {
  @Mixin
  ItemArguments item;

  @Option(names = "--stop",
      description = "Stop the replication at the next cycle boundary, then show its final status.")
  boolean stop;

  @Override
  int run(ReprotectJobs jobs) {
    Replications replications = jobs.replications();
    ReplicationView view = stop
        ? replications.stop(item.vault, item.vm) : replications.view(item.vault, item.vm);
    if (output.json) {
      output.out.println(Json.write(view));
    } else {
      output.out.println(view.workflowId() + ": " + view.status());
      if (view.replication() != null) {
        HumanFormat.replication(view.replication(), output.out);
      }
      if (view.error() != null) {
        HumanFormat.error(view.error(), output.out);
      }
    }
    return view.error() == null ? ExitCodes.OK : ExitCodes.FAILED;
  }
}
