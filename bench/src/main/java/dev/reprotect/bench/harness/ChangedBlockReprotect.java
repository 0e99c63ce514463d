package dev.reprotect.bench.harness;

import dev.reprotect.activities.failover.FailoverRequest;
import dev.reprotect.activities.failover.PointSelector;
import dev.reprotect.azure.BlobRef;
import dev.reprotect.azure.ReplicatedItem;
import dev.reprotect.azure.VirtualMachine;
import dev.reprotect.worker.client.FailoverJobs;
import dev.reprotect.worker.client.JobsClient;
import dev.reprotect.workflows.reprotect.DiskSummary;
import dev.reprotect.workflows.reprotect.ProtectionSummary;
import io.temporal.client.WorkflowClient;
import java.util.List;
import java.util.stream.LongStream;

/**
 * A reprotect after a failover the engine ran, through the engine: the item protected (a full
 * compare: the seeded world was failed over before lineages existed), failed over to {@code latest}
 * and committed, then both sides written (the new VM's disk and the stale VM's), and reprotected by
 * changed blocks. Its figure is what the syncs read on both sides, as the backend metered it for
 * them, over the bytes changed since the failover on either side (whole blocks).
 */
final class ChangedBlockReprotect {
  private static final long MIB = 1L << 20;

  /** Much more used data than changed, so that a sync that reads what is allocated fails. */
  static final BenchDisk DISK = new BenchDisk(64 * MIB, 48, 0, true);

  /** Blocks written after the failover on each side; {@link #BOTH_SIDES} of them on both. */
  static final int WRITTEN_PER_SIDE = 6;

  static final int BOTH_SIDES = 2;

  /** The goal of issue 20: each changed block read about once on either side, at most twice. */
  static final double READ_OVER_CHANGED_GOAL = 2.1;

  private final BenchWorld world;
  private final JobsClient jobs;
  private final String vault;

  ChangedBlockReprotect(BenchWorld world, WorkflowClient client, String vault) {
    this.world = world;
    this.jobs = new JobsClient(client);
    this.vault = vault;
  }

  /** The changed-block reprotect's summary, once every disk of it synced by changed blocks. */
  ProtectionSummary run(String vm) {
    world.addItem(vault, vm, DISK);
    jobs.await(jobs.start(SyncBench.quietRequest(vault, vm)));
    FailoverJobs failovers = jobs.failovers();
    failovers.await(
        failovers.start(FailoverRequest.failover(vault, vm, PointSelector.LATEST, false)));
    failovers.await(failovers.start(FailoverRequest.commit(vault, vm)));
    ReplicatedItem item = world.azure().recoveryServices().replicatedItem(vault, vm).orElseThrow();
    long stride = DISK.sizeBytes() / world.blockSize() / (2 * WRITTEN_PER_SIDE);
    long shift = WRITTEN_PER_SIDE - BOTH_SIDES;
    world.writeSmall(osDisk(item.source().resourceGroup(), vm), blocks(0, stride), vm.hashCode());
    world.writeSmall(
        osDisk(item.target().resourceGroup(), vm), blocks(shift, stride), vm.hashCode() + 1);
    ProtectionSummary summary = jobs.await(jobs.start(SyncBench.quietRequest(vault, vm)));
    if (!summary.disks().stream().allMatch(disk -> "changed-blocks".equals(disk.syncKind()))) {
      throw new IllegalStateException("the reprotect after the failover compared in full");
    }
    return summary;
  }

  /** {@code reprotectReadOverChanged}, from a run of its own. */
  Counter readOverChanged() {
    ProtectionSummary summary = run("changed");
    long read =
        summary.disks().stream()
            .mapToLong(
                disk -> disk.meters().bytesReadOnSource() + disk.meters().bytesReadOnReplica())
            .sum();
    long changed = summary.disks().stream().mapToLong(DiskSummary::bytesChanged).sum();
    long expected = (2L * WRITTEN_PER_SIDE - BOTH_SIDES) * world.blockSize();
    if (changed != expected) {
      throw new IllegalStateException(
          "the sync listed " + changed + " bytes changed, the sides wrote " + expected);
    }
    return Counter.atMost((double) read / changed, READ_OVER_CHANGED_GOAL);
  }

  /** {@code WRITTEN_PER_SIDE} blocks a stride apart, from the {@code first}th stride. */
  private static List<Long> blocks(long first, long stride) {
    return LongStream.range(first, first + WRITTEN_PER_SIDE).map(i -> i * stride).boxed().toList();
  }

  private BlobRef osDisk(String resourceGroup, String vm) {
    VirtualMachine found = world.azure().compute().virtualMachine(resourceGroup, vm).orElseThrow();
    return found.osDisk().vhd();
  }
}
