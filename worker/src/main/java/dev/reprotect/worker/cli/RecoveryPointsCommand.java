package dev.reprotect.worker.cli;

import dev.reprotect.azure.RecoveryPointType;
import dev.reprotect.workflows.replication.RecoveryPointInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "recovery-points", mixinStandardHelpOptions = true, description = {
    "List the recovery points of one protected VM, newest first.",
    "%nEach point is one cut of the source VM (every disk at one instant) made whole on the "
        + "replicas: its id, the time of its cut, its type (crash- or app-consistent), the cut and "
        + "its age. The first is the reprotect's cut 0; each replication cycle adds one, and the "
        + "policy's retention prunes the old ones. Read from the replication workflow (its query "
        + "while it runs, its result once it ended), like `replication`.%n"})
final class RecoveryPointsCommand extends ClientCommand {
  @Mixin
  ItemArguments item;

  /** One point as the command prints it; {@code ageSeconds} is counted from now. */
  record Point(String id, Instant time, RecoveryPointType type, String cutId, long ageSeconds) {}

  /** What --json prints. */
  record Points(String workflowId, String vault, String vm, List<Point> points) {}

  @Override
  int run(ReprotectJobs jobs) {
    ReplicationView view = jobs.replications().view(item.vault, item.vm);
    if (view.replication() == null) {
      return output.fail(view.error());
    }
    Instant now = Instant.now();
    List<Point> points = view.replication().points().stream()
        .sorted(Comparator.comparing(RecoveryPointInfo::time).reversed())
        .map(p -> new Point(p.id(), p.time(), p.type(), p.cutId(),
            Duration.between(p.time(), now).toSeconds()))
        .toList();
    if (output.json) {
      output.out.println(Json.write(new Points(view.workflowId(), item.vault, item.vm, points)));
    } else {
      output.out.printf("Recovery points of %s (vault %s), newest first: %d (%s: %s)%n", item.vm,
          item.vault, points.size(), view.workflowId(), view.status());
      HumanFormat.recoveryPoints(points, output.out);
    }
    return ExitCodes.OK;
  }
}
