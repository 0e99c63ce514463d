package dev.reprotect.bench.harness;

import dev.reprotect.activities.ReprotectRequest;
import dev.reprotect.activities.metering.DataPathCounters;
import dev.reprotect.azure.CallerCosts;
import dev.reprotect.worker.client.JobsClient;
import dev.reprotect.workflows.WorkflowIds;
import dev.reprotect.workflows.replication.ReplicationStatus;
import dev.reprotect.workflows.replication.ReplicationWorkflow;
import io.temporal.client.WorkflowClient;
import java.time.Duration;
import java.util.List;

/**
 * One delta replication cycle after a reprotect: blocks written on the source just after a cycle
 * ended, and the shipment of the next cycle that carries them, timed as the server recorded its
 * activity.
 */
public final class DeltaCycle {
  /** Short enough to keep a run brief, long enough for the writes to land before the next cut. */
  static final int CYCLE_SECONDS = 2;

  private static final Duration POLL = Duration.ofMillis(50);
  private static final Duration PATIENCE = Duration.ofMinutes(2);
  private static final String SHIP_ACTIVITY_TYPE = "ShipCut";

  /**
   * The shipment's time, the blocks it found changed, and what the backend charged the replication
   * for the cycle: what it read and wrote on each side, its calls.
   */
  public record Shipment(long nanos, long blocksChanged, CallerCosts costs) {}

  private final BenchWorld world;
  private final WorkflowClient client;

  public DeltaCycle(BenchWorld world, WorkflowClient client) {
    this.world = world;
    this.client = client;
  }

  /** Reprotects the item, then times the cycle that ships {@code changedBlocks} new blocks. */
  public Shipment measure(String vault, String vm, BenchDisk disk, long changedBlocks) {
    BenchItem item = world.addItem(vault, vm, disk);
    JobsClient jobs = new JobsClient(client);
    jobs.await(
        jobs.start(ReprotectRequest.of(vault, vm).withReplicationCycleSeconds(CYCLE_SECONDS)));
    ReplicationWorkflow replication =
        client.newWorkflowStub(ReplicationWorkflow.class, WorkflowIds.replication(vault, vm));
    long ended = awaitCycleEnd(replication, replication.status().cyclesRun() + 1);
    // Cycles with nothing to ship may follow before the meters are read: they read nothing.
    CallerCosts costs =
        DataPathCounters.costsDuring(
            world.azure().metering(),
            WorkflowIds.replication(vault, vm) + "/",
            () -> {
              world.rewrite(item.source(), changedBlocks, vm.hashCode() + 1L);
              awaitCycleEnd(replication, ended + 1);
            });
    ReplicationStatus shipped = replication.status();
    List<Duration> shipments =
        JobHistory.activityTimes(client, WorkflowIds.replication(vault, vm), SHIP_ACTIVITY_TYPE);
    replication.stop();
    return new Shipment(
        shipments.get(shipments.size() - 1).toNanos(), shipped.lastCycle().blocksChanged(), costs);
  }

  /** Waits until cycle {@code number} has ended (a cycle counts as run from its start). */
  private static long awaitCycleEnd(ReplicationWorkflow replication, long number) {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    ReplicationStatus status = replication.status();
    // The workflow exposes its cycles by query only: there is no event to wait on.
    while (status.lastCycle() == null || status.lastCycle().number() < number) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("no replication cycle ended within " + PATIENCE);
      }
      try {
        Thread.sleep(POLL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for a cycle", e);
      }
      status = replication.status();
    }
    return status.lastCycle().number();
  }
}
