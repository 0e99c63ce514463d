package dev.reprotect.worker.demo;

import dev.reprotect.azure.AzureBackend;
import dev.reprotect.azure.Caller;
import dev.reprotect.azure.ChurnSpec;
import dev.reprotect.azure.ChurnStatus;
import dev.reprotect.azure.CutDisk;
import dev.reprotect.azure.Cuts;
import dev.reprotect.azure.ReplicaDisk;
import dev.reprotect.azure.ReplicatedItem;
import dev.reprotect.azure.VmCut;
import dev.reprotect.worker.client.CommandFailure;
import dev.reprotect.worker.client.Replications;
import dev.reprotect.workflows.replication.RecoveryPointInfo;
import dev.reprotect.workflows.replication.ReplicationCycle;
import dev.reprotect.workflows.replication.ReplicationHealth;
import dev.reprotect.workflows.replication.ReplicationState;
import dev.reprotect.workflows.replication.ReplicationStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

/**
 * The demo's act after the job: the guest's churn on the source VM, and the replication cycles that
 * follow the reprotect, watched through the workflow's query until enough have ended, then stopped
 * with its update. The demo holds the backend, so it measures the churn and checks the replicas
 * against the last point's cut from bytes; the cycles themselves come from Temporal.
 */
public final class ReplicationDemo {
  /** The churn's seed: the same blocks and bytes on every run of the demo. */
  public static final long CHURN_SEED = 1;

  /** The demo's own reads, metered apart from every job's. */
  private static final Caller DEMO = Caller.of("replication-demo");

  private static final Duration POLL = Duration.ofMillis(100);

  /** A cycle that takes this long (or ten intervals, if longer) means the replication stalled. */
  private static final Duration MIN_STALL = Duration.ofMinutes(1);

  /**
   * One cycle as the demo saw it end. {@code churnBytes}: what the guest wrote between the previous
   * cut and this cycle's, as the demo saw the cycles start (for cycle 1, from the job's start: a
   * little before cut 0, so it counts a few writes cut 0 already holds). {@code millis}: the
   * cycle's duration, from its cut to its point and pruning.
   */
  public record Cycle(
      long number,
      boolean succeeded,
      long blocksChanged,
      long bytesShipped,
      long churnBytes,
      String pointId,
      String error,
      long millis) {}

  /** A disk's checksums from bytes: the source's at the newest point's cut, the replica's now. */
  public record DiskChecksum(String slot, String cut, String replica, boolean equal) {}

  /**
   * The replication part of the demo's result. {@code shippedPerChurned}: bytes shipped over bytes
   * the guest wrote, over every cycle (null without churn): below 1 when blocks are rewritten
   * within a cycle, each shipped once.
   */
  public record Result(
      int cycleSeconds,
      List<Cycle> cycles,
      long bytesShipped,
      long churnBytes,
      Double shippedPerChurned,
      ReplicationState state,
      Long rpoSeconds,
      ReplicationHealth health,
      long cyclesRun,
      String newestPoint,
      List<DiskChecksum> checksums) {
    public boolean replicasMatch() {
      return checksums.stream().allMatch(DiskChecksum::equal);
    }
  }

  private final Replications replications;
  private final AzureBackend azure;
  private final String vault;
  private final String vm;
  private final String resourceGroup;

  public ReplicationDemo(Replications replications, AzureBackend azure, String vault, String vm) {
    this.replications = replications;
    this.azure = azure;
    this.vault = vault;
    this.vm = vm;
    this.resourceGroup = item().source().resourceGroup();
  }

  public void startChurn(ChurnSpec spec) {
    azure.workload().startChurn(resourceGroup, vm, spec);
  }

  public void stopChurn() {
    azure.workload().stopChurn(resourceGroup, vm);
  }

  /** What the guest has written so far, over every disk. */
  public long churnBytes() {
    return azure.workload().churn(resourceGroup, vm).map(ChurnStatus::bytesWritten).orElse(0L);
  }

  /**
   * Waits for cycles 1 to {@code cycles} to end, reporting each as it ends, then stops the
   * replication and the churn and checks the replicas. {@code churnAtJobStart} is {@link
   * #churnBytes()} when the job started.
   */
  public Result run(int cycles, int cycleSeconds, long churnAtJobStart, Consumer<Cycle> onCycle) {
    long[] churnAtCut = new long[cycles + 1];
    churnAtCut[0] = churnAtJobStart;
    List<Cycle> ended = new ArrayList<>();
    long cutsSeen = 0;
    Duration stall = max(MIN_STALL, Duration.ofSeconds(10L * cycleSeconds));
    long lastProgress = System.nanoTime();
    while (ended.size() < cycles) {
      ReplicationStatus status = replications.view(vault, vm).replication();
      long churn = churnBytes();
      if (status.state() != ReplicationState.Running) {
        throw new CommandFailure(
            "ReplicationEnded",
            "the replication of "
                + vm
                + " is "
                + status.state()
                + " after "
                + ended.size()
                + " of "
                + cycles
                + " cycles");
      }
      // A cycle counts as run once its cut is being taken: the guest's count at that moment
      // closes the previous cycle's window.
      while (cutsSeen < Math.min(status.cyclesRun(), cycles)) {
        churnAtCut[(int) ++cutsSeen] = churn;
      }
      for (ReplicationCycle c : status.recentCycles()) {
        if (c.number() == ended.size() + 1 && c.number() <= cutsSeen) {
          Cycle cycle =
              new Cycle(
                  c.number(),
                  c.succeeded(),
                  c.blocksChanged(),
                  c.bytesShipped(),
                  churnAtCut[(int) c.number()] - churnAtCut[(int) c.number() - 1],
                  c.pointId(),
                  c.error(),
                  Duration.between(c.startTime(), c.endTime()).toMillis());
          ended.add(cycle);
          onCycle.accept(cycle);
          lastProgress = System.nanoTime();
        }
      }
      if (ended.size() < cycles) {
        if (System.nanoTime() - lastProgress > stall.toNanos()) {
          throw new CommandFailure(
              "ReplicationStalled",
              "no replication cycle of " + vm + " ended within " + stall.toSeconds() + " s");
        }
        pause("the cycles");
      }
    }
    ReplicationStatus last = replications.stop(vault, vm).replication();
    stopChurn();
    long shipped = ended.stream().mapToLong(Cycle::bytesShipped).sum();
    long churned = ended.stream().mapToLong(Cycle::churnBytes).sum();
    RecoveryPointInfo newest =
        last.points().stream().max(Comparator.comparing(RecoveryPointInfo::time)).orElseThrow();
    return new Result(
        cycleSeconds,
        ended,
        shipped,
        churned,
        churned == 0 ? null : (double) shipped / churned,
        last.state(),
        last.rpoSeconds(),
        last.health(),
        last.cyclesRun(),
        newest.id(),
        checksums(newest));
  }

  /**
   * The replicas against the source at the newest point's cut, from bytes: after the stop no cycle
   * writes to the replicas, and the cut of the newest point stays as their base.
   */
  private List<DiskChecksum> checksums(RecoveryPointInfo newest) {
    VmCut cut =
        new Cuts(azure)
            .find(resourceGroup, vm, newest.cutId())
            .orElseThrow(
                () ->
                    new CommandFailure(
                        "CutNotFound", "cut " + newest.cutId() + " of " + vm + " is gone"));
    List<DiskChecksum> checksums = new ArrayList<>();
    for (ReplicaDisk replica : item().replicaDisks()) {
      CutDisk disk = cut.disk(replica.slot());
      String source = azure.storage().checksum(DEMO, disk.snapshot());
      String target = azure.storage().checksum(DEMO, replica.replica());
      checksums.add(new DiskChecksum(replica.slot(), source, target, source.equals(target)));
    }
    return checksums;
  }

  private ReplicatedItem item() {
    return azure
        .recoveryServices()
        .replicatedItem(vault, vm)
        .orElseThrow(
            () -> new CommandFailure("ItemNotFound", "vault " + vault + " has no item " + vm));
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  /** One poll's wait: what the demo watches lives in the backend, which has no notification. */
  static void pause(String waitingFor) {
    try {
      Thread.sleep(POLL.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CommandFailure("Interrupted", "interrupted while waiting for " + waitingFor);
    }
  }
}
