package dev.reprotect.worker.cli;

import dev.reprotect.worker.client.JobsClient;
import dev.reprotect.worker.client.ReplicationView;
import dev.reprotect.worker.client.Replications;
import dev.reprotect.worker.render.HumanFormat;
import dev.reprotect.worker.render.Json;
import dev.reprotect.workflows.resume.ReplicationResumed;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
    name = "replication",
    mixinStandardHelpOptions = true,
    description = {
      "Show, stop or (re)start the replication of one protected VM, or add a disk to it.",
      "%nA reprotect that succeeds starts workflow replication.<vault>.<vm>: every 5 minutes a "
          + "cycle takes a cut of the source VM (every disk at one instant), ships the blocks "
          + "changed since the last cut to the replicas and makes a recovery point of it. Shown: "
          + "its state, the RPO (the age of the newest point), its health (Critical without a point "
          + "for 60 minutes, Warning beyond an RPO of 15 minutes or after a failed cycle), the "
          + "cycles run, the last and recent cycles (blocks changed, bytes shipped, point, "
          + "duration), the last error and the number of points. While it runs the workflow's "
          + "query answers; with no worker to answer it, the RPO and health come from the newest "
          + "point's time the workflow published (search attribute LastRecoveryPointTime), so "
          + "they keep growing through a worker outage. Once it ended, its result (no worker "
          + "needed).%n",
      "With --stop it sends the workflow's stop update: the replication ends at the next cycle "
          + "boundary (a running cycle completes first) and its final status is shown.%n",
      "With --start it restarts the replication of a Protected item that has none running (it "
          + "was stopped, terminated or never started): from the vault's record of the item, its "
          + "recovery points and the cut of the newest one, under a new run tag. Refused with "
          + "ItemNotFound, NotProtected (not Protected, or an operation runs on it) or "
          + "ReplicationRunning (stop that one first). The reconciler (reprotect reconcile) does "
          + "the same for every Protected item.%n",
      "With --add-disk NAME it brings a disk attached after the protection into the replication "
          + "(the cycles warn of it with DiskSetChanged until then).%n"
    })
final class ReplicationCommand extends ClientCommand {
  @Mixin ItemArguments item;

  @ArgGroup(exclusive = true)
  ReplicationAction action;

  @Override
  int run(JobsClient jobs) {
    if (ReplicationAction.start(action)) {
      return resume(jobs);
    }
    String disk = ReplicationAction.addDisk(action);
    if (disk != null) {
      return addDisk(jobs, disk);
    }
    Replications replications = jobs.replications();
    ReplicationView view =
        ReplicationAction.stop(action)
            ? replications.stop(item.vault, item.vm)
            : replications.view(item.vault, item.vm);
    if (output.json) {
      output.out.println(Json.write(view));
    } else {
      output.out.println(view.workflowId() + ": " + view.status());
      if (view.replication() != null) {
        HumanFormat.replication(view.replication(), output.out);
      }
      if (view.published() != null) {
        HumanFormat.published(item.vm, item.vault, view.published(), output.out);
      }
      if (view.error() != null) {
        HumanFormat.error(view.error(), output.out);
      }
    }
    return view.error() == null ? ExitCodes.OK : ExitCodes.FAILED;
  }

  private int addDisk(JobsClient jobs, String disk) {
    Replications.DiskAdded added = jobs.replications().addDisk(item.vault, item.vm, disk);
    if (output.json) {
      output.out.println(Json.write(added));
    } else {
      output.out.printf(
          "%s: disk %s (%s) replicated to %s as cut %s holds it; it ships from the"
              + " next cycle on%n",
          added.workflowId(),
          added.added().diskName(),
          added.added().slot(),
          added.added().replica(),
          added.added().cutId());
    }
    return ExitCodes.OK;
  }

  private int resume(JobsClient jobs) {
    ReplicationResumed resumed = jobs.resumeReplication(item.vault, item.vm);
    if (output.json) {
      output.out.println(Json.write(resumed));
    } else {
      output.out.printf(
          "%s: started (run %s), run tag %s, %s, %d recovery points carried on%n",
          resumed.workflowId(),
          resumed.runId(),
          resumed.runTag(),
          resumed.lastCutId() == null
              ? "no cut to diff against: the first cycle ships every allocated block"
              : "first cycle diffs against cut " + resumed.lastCutId(),
          resumed.recoveryPoints());
    }
    return ExitCodes.OK;
  }
}
