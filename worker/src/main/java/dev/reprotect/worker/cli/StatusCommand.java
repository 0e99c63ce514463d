package dev.reprotect.worker.cli;

import dev.reprotect.worker.client.DiskProgress;
import dev.reprotect.worker.client.ItemJobStatus;
import dev.reprotect.worker.client.JobStatus;
import dev.reprotect.worker.client.JobsClient;
import dev.reprotect.worker.render.DisableFormat;
import dev.reprotect.worker.render.FailoverFormat;
import dev.reprotect.worker.render.HumanFormat;
import dev.reprotect.worker.render.ItemJobSteps;
import dev.reprotect.worker.render.Json;
import dev.reprotect.workflows.ByteSizes;
import java.io.PrintStream;
import java.util.function.BiConsumer;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = {
      "Show the job of one VM, running or ended.",
      "%nWhile it runs: its steps (a query, answered by a worker) and the initial sync's progress "
          + "(from the heartbeats). Once it ended: its summary or its error (no worker needed).%n"
    })
final class StatusCommand extends ClientCommand {
  @Mixin ItemArguments item;

  @ArgGroup(exclusive = true)
  JobType job;

  @Override
  int run(JobsClient jobs) {
    String workflowId = JobType.workflowId(job, item);
    if (JobType.isFailoverWorkflow(job)) {
      return itemJobStatus(jobs.failovers().status(workflowId), FailoverFormat::summary);
    }
    if (job != null && job.disable) {
      return itemJobStatus(jobs.disables().status(workflowId), DisableFormat::summary);
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
        output.out.printf(
            "  sync %s: %s of %s compared, %s sent (attempt %d)%n",
            disk.activityId(),
            ByteSizes.format(disk.progress().bytesCompared()),
            ByteSizes.format(disk.progress().totalBytes()),
            ByteSizes.format(disk.progress().bytesTransferred()),
            disk.attempt());
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

  /** A failover's or a disable's job, with {@code summary} printing its summary for people. */
  private <R> int itemJobStatus(ItemJobStatus<?, ?, R> status, BiConsumer<R, PrintStream> summary) {
    if (output.json) {
      output.out.println(Json.write(status));
    } else {
      output.out.println(status.workflowId() + ": " + status.status());
      if (status.job() != null) {
        ItemJobSteps.table(status.job(), output.out);
      }
      if (status.summary() != null) {
        summary.accept(status.summary(), output.out);
      }
      if (status.error() != null) {
        HumanFormat.error(status.error(), output.out);
      }
    }
    return status.error() == null ? ExitCodes.OK : ExitCodes.FAILED;
  }
}
