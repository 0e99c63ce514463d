package dev.reprotect.worker.cli;

import dev.reprotect.azure.RecoveryPoint;
import dev.reprotect.worker.client.JobsClient;
import dev.reprotect.worker.render.HumanFormat;
import dev.reprotect.worker.render.Json;
import dev.reprotect.worker.render.ListedPoint;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
    name = "recovery-points",
    mixinStandardHelpOptions = true,
    description = {
      "List the recovery points of one replicated VM, newest first.",
      "%nEach point is one cut of the source VM (every disk at one instant) made whole on the "
          + "replicas: its id, the time of its cut, its type (crash- or app-consistent), the cut and "
          + "its age. The first is the reprotect's cut 0; each replication cycle adds one, and the "
          + "policy's retention prunes the old ones. Read from the vault through a worker (a short "
          + "workflow `points.<vault>.<vm>.<nonce>`): the points a failover can choose now, also "
          + "once the replication has ended or a commit deleted all but the one the VM runs on. "
          + "Refusal: ItemNotFound.%n"
    })
final class RecoveryPointsCommand extends ClientCommand {
  @Mixin ItemArguments item;

  /** What --json prints. */
  record Points(String vault, String vm, List<ListedPoint> points) {}

  @Override
  int run(JobsClient jobs) {
    Instant now = Instant.now();
    List<ListedPoint> points =
        jobs.recoveryPoints(item.vault, item.vm).stream()
            .sorted(Comparator.comparing(RecoveryPoint::time).reversed())
            .map(
                p ->
                    new ListedPoint(
                        p.id(),
                        p.time(),
                        p.type(),
                        p.cutId(),
                        Duration.between(p.time(), now).toSeconds()))
            .toList();
    if (output.json) {
      output.out.println(Json.write(new Points(item.vault, item.vm, points)));
    } else {
      output.out.printf(
          "Recovery points of %s in vault %s, newest first: %d%n",
          item.vm, item.vault, points.size());
      HumanFormat.recoveryPoints(points, output.out);
    }
    return ExitCodes.OK;
  }
}
