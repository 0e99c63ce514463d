package dev.reprotect.worker.cli;

import dev.reprotect.workflows.ByteSizes;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "status", mixinStandardHelpOptions = true, description = {
    "Show the job of one VM, running or ended.",
    "%nWhile it runs: its steps (a query, answered by a worker) and the initial sync's progress "
        + "(from the heartbeats). Once it ended: its summary or its error (no worker needed).%n"})
final class StatusCommand extends ClientCommand {
  @Mixin
  ItemArguments item;

  @ArgGroup(exclusive = true)
  JobType job;

  @Override
  int run(ReprotectJobs jobs) {
    String workflowId = JobType.workflowId(job, item);
    if (JobType.isFailoverWorkflow(job)) {
      return failoverStatus(jobs.failovers(), workflowId);
    }
    JobStatus status = jobs.status(workflowId);
    if (output.json) {
      output.out.println(Json.write(status));
    } else {
      output.out.println(status.workflowId() + ": " + status.status());
      if (status.job() != null) {
        HumanFormat.job(status.job(), output.out);
      } else if (status.summary() == null) {
        output.out.println("  (no worker answered the job's query)");
      }
      for (DiskProgress disk : status.sync()) {
        output.out.printf("  sync %s: %s of %s compared, %s sent (attempt %d)%n",
            disk.activityId(), ByteSizes.format(disk.progress().bytesCompared()),
            ByteSizes.format(disk.progress().totalBytes()),
            ByteSizes.format(disk.progress().bytesTransferred()), disk.attempt());
      }
      if (status.summary() != null) {
        HumanFormat.summary(status.summary(), output.out);
      }
      if (status.error() != null) {
        HumanFormat.error(status.error(), output.out);
      }
    }
    return status.error() == null ? ExitCodes.OK : ExitCodes.FAILED;
  }

  private int failoverStatus(FailoverJobs jobs, String workflowId) {
    FailoverStatus status = jobs.status(workflowId);
    if (output.json) {
      output.out.println(Json.write(status));
    } else {
      output.out.println(status.workflowId() + ": " + status.status());
      if (status.job() != null) {
        FailoverFormat.job(status.job(), output.out);
      }
      if (status.summary() != null) {
        FailoverFormat.summary(status.summary(), output.out);
      }
      if (status.error() != null) {
        HumanFormat.error(status.error(), output.out);
      }
    }
    return status.error() == null ? ExitCodes.OK : ExitCodes.FAILED;
  }
}
