package dev.reprotect.worker.cli;

import dev.reprotect.activities.Futures;
import dev.reprotect.activities.scrub.DiskScrubbed;
import dev.reprotect.activities.scrub.ScrubProgress;
import dev.reprotect.worker.client.JobsClient;
import dev.reprotect.worker.client.Scrubs;
import dev.reprotect.worker.render.Json;
import dev.reprotect.workflows.ByteSizes;
import dev.reprotect.workflows.scrub.ScrubResult;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "scrub",
    mixinStandardHelpOptions = true,
    description = {
      "Compare the replica of one protected VM with its source, from the bytes, now.",
      "%nA replication cycle verifies what it ships from the block hashes storage recorded as it "
          + "wrote them, so a block damaged at rest afterwards goes unseen until a scrub reads "
          + "it. Runs workflow scrub.<vault>.<vm> on a worker: it holds the newest recovery point "
          + "and the source cut it was made from (snapshots of its own, released at the end: "
          + "cycles and pruning go on meanwhile), then reads every allocated block of both, each "
          + "region hashing its own bytes, at a quarter of the disk's throughput, and compares "
          + "the hashes. Blocks that differ are resent from the source once and read again.%n",
      "Outcome Passed or Repaired: exit 0. Blocks that still differ: ReplicaMismatch, exit 1, "
          + "and the item's replication health is Critical until a scrub passes. Refused, "
          + "changing nothing: VaultNotFound, ItemNotFound, NoRecoveryPoint. The outcome is "
          + "recorded on the item; `replication VM` shows the last one. A scrub already running "
          + "for the VM is followed, not started twice. The reconciler starts one on its own "
          + "every scrub interval of the item's policy (default 7 days).%n"
    })
final class ScrubCommand extends ClientCommand {
  private static final Duration POLL = Duration.ofMillis(250);

  @Mixin ItemArguments item;

  @Option(
      names = "--no-wait",
      description =
          "Start the scrub and return; follow it in the Web " + "UI or with `replication VM`.")
  boolean noWait;

  @Override
  int run(JobsClient jobs) {
    Scrubs scrubs = jobs.scrubs();
    Scrubs.Started started = scrubs.start(item.vault, item.vm);
    if (noWait) {
      output.out.println(
          output.json
              ? Json.write(
                  Map.of(
                      "workflowId",
                      started.workflowId(),
                      "status",
                      "RUNNING",
                      "joined",
                      started.joined()))
              : (started.joined() ? "Already running: " : "Started ") + started.workflowId());
      return ExitCodes.OK;
    }
    if (!output.json) {
      output.out.println(
          (started.joined() ? "Following the scrub already running: " : "Started ")
              + started.workflowId());
    }
    CompletableFuture<ScrubResult> end =
        CompletableFuture.supplyAsync(() -> scrubs.await(started.workflowId()));
    if (!output.json) {
      follow(scrubs, started.workflowId(), end);
    }
    ScrubResult result = Futures.join(end);
    if (output.json) {
      output.out.println(Json.write(result));
    } else {
      output.out.printf(
          "%s: %s, point %s of %s against cut %s: %d disks, %s compared, %d " + "blocks repaired%n",
          item.vm,
          result.outcome(),
          result.pointId(),
          result.pointTime(),
          result.cutId(),
          result.disksDone().size(),
          ByteSizes.format(result.bytesCompared()),
          result.blocksRepaired());
    }
    return ExitCodes.OK;
  }

  /** A line per disk as it ends, and the current disk's position as it moves. */
  private void follow(Scrubs scrubs, String workflowId, CompletableFuture<?> end) {
    int disksShown = 0;
    long lastPercent = -1;
    while (Futures.within(end, POLL).isEmpty()) {
      Optional<ScrubResult> progress = scrubs.progress(workflowId);
      if (progress.isEmpty()) {
        continue;
      }
      for (DiskScrubbed disk :
          progress.get().disksDone().subList(disksShown, progress.get().disksDone().size())) {
        output.out.printf(
            "  disk %s: equal, %s compared, %d blocks repaired%n",
            disk.slot(), ByteSizes.format(disk.bytesCompared()), disk.blocksRepaired());
        disksShown++;
        lastPercent = -1;
      }
      Optional<ScrubProgress> disk = scrubs.diskProgress(workflowId);
      if (disk.isPresent() && disk.get().totalBlocks() > 0) {
        long percent = disk.get().nextBlock() * 100 / disk.get().totalBlocks();
        if (percent / 10 != lastPercent / 10) {
          output.out.printf(
              "  disk %d of %d: %d%%, %s compared%n",
              disksShown + 1,
              progress.get().disks(),
              percent,
              ByteSizes.format(disk.get().bytesCompared()));
          lastPercent = percent;
        }
      }
    }
  }
}
