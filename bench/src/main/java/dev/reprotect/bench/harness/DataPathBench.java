package dev.reprotect.bench.harness;

import dev.reprotect.activities.ActivityCaller;
import dev.reprotect.activities.metering.DataPathCounters;
import dev.reprotect.azure.CallerCosts;
import dev.reprotect.worker.client.JobsClient;
import dev.reprotect.worker.client.WorkflowExecutions;
import dev.reprotect.workflows.reprotect.ProtectionSummary;
import io.temporal.client.WorkflowClient;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The data path's counters of issue 18 (and issue 20's changed-block reprotect), each read from the
 * backend's meters for one job or one cycle on the zero-latency simulator, where they are exact:
 * the same figures on every run, and each fails when the data path reads, sends or calls more than
 * its goal allows.
 */
public final class DataPathBench {
  private static final long MIB = 1L << 20;

  /**
   * The stale copy holds every written block; the source then writes a few KiB into every other
   * one: the sync must read each side once and send each touched block once, whole.
   */
  static final BenchDisk SCATTERED_DISK = new BenchDisk(64 * MIB, 64, 0, true);

  /** A hundred times more used data than the one block the cycle ships, and more. */
  static final BenchDisk USED_DISK =
      new BenchDisk(256 * MIB, DataPathCounters.USED_OVER_CHANGED + 28, 0, false);

  static final long CYCLE_CHANGED_BLOCKS = 1;

  /**
   * The same 16 blocks at the same places on a 1 TiB and on a 1 GiB disk, copied in full: the
   * larger disk's empty space must cost no calls.
   */
  static final BenchDisk SPARSE_DISK = new BenchDisk(1L << 40, 16, 16, false);

  static final BenchDisk DENSE_DISK = new BenchDisk(1L << 30, 16, 16, false);

  private final BenchWorld world;
  private final WorkflowClient client;
  private final String vault;

  public DataPathBench(BenchWorld world, WorkflowClient client, String vault) {
    this.world = world;
    this.client = client;
    this.vault = vault;
  }

  /** Every counter by its name, in the order of the issue. */
  public Map<String, Counter> run() {
    Map<String, Counter> counters = new LinkedHashMap<>();
    initialSync(counters);
    counters.put("cycleReadOverChanged", cycleReadOverChanged());
    counters.put("callsSparseOverDense", callsSparseOverDense());
    counters.put(
        "reprotectReadOverChanged",
        new ChangedBlockReprotect(world, client, vault).readOverChanged());
    return counters;
  }

  private void initialSync(Map<String, Counter> counters) {
    String vm = "scattered";
    BenchItem item = world.addItem(vault, vm, SCATTERED_DISK);
    List<Long> touched = everyOther(item.writtenBlocks());
    world.writeSmall(item.source(), touched, vm.hashCode());
    // Measured before the job: the stale VM's disk is gone at its end, living on in the seed.
    long sourceAllocated =
        DataPathCounters.allocatedBytes(world.azure().storage(), List.of(item.source()));
    long targetAllocated =
        DataPathCounters.allocatedBytes(world.azure().storage(), List.of(world.staleDisk(vm)));
    Job job = reprotect(vm);
    CallerCosts syncs =
        world
            .azure()
            .metering()
            .costsBy(DataPathCounters.initialSyncsOf(job.workflowId(), job.runId()));

    counters.put(
        "sourceReadOverAllocated",
        Counter.atMost(
            DataPathCounters.readOverAllocated(syncs, BenchWorld.SOURCE_REGION, sourceAllocated),
            DataPathCounters.SYNC_READ_GOAL));
    counters.put(
        "targetReadOverAllocated",
        Counter.atMost(
            DataPathCounters.readOverAllocated(syncs, BenchWorld.TARGET_REGION, targetAllocated),
            DataPathCounters.SYNC_READ_GOAL));
    double sent =
        (double) job.summary().bytesSentAcrossRegions()
            / ((long) touched.size() * world.blockSize());
    counters.put("sentOverChanged", Counter.atMost(sent, DataPathCounters.SENT_GOAL));
  }

  private Counter cycleReadOverChanged() {
    String vm = "used";
    DeltaCycle.Shipment cycle =
        new DeltaCycle(world, client).measure(vault, vm, USED_DISK, CYCLE_CHANGED_BLOCKS);
    long changed = CYCLE_CHANGED_BLOCKS * world.blockSize();
    long used = USED_DISK.writtenBlocks() * world.blockSize();
    if (used < DataPathCounters.USED_OVER_CHANGED * changed) {
      throw new IllegalStateException("the cycle's disk holds too little data to count");
    }
    return Counter.atMost(
        (double) cycle.costs().bytesRead() / changed, DataPathCounters.CYCLE_READ_GOAL);
  }

  private Counter callsSparseOverDense() {
    world.addItem(vault, "sparse", SPARSE_DISK, DENSE_DISK.sizeBytes());
    world.addItem(vault, "dense", DENSE_DISK);
    double ratio = (double) calls(reprotect("sparse")) / calls(reprotect("dense"));
    return Counter.atMost(ratio, DataPathCounters.CALLS_SPARSE_OVER_DENSE_GOAL);
  }

  private long calls(Job job) {
    return world
        .azure()
        .metering()
        .costsBy(ActivityCaller.ofRun(job.workflowId(), job.runId()))
        .calls();
  }

  private record Job(String workflowId, String runId, ProtectionSummary summary) {}

  private Job reprotect(String vm) {
    JobsClient jobs = new JobsClient(client);
    String workflowId = jobs.start(SyncBench.quietRequest(vault, vm));
    ProtectionSummary summary = jobs.await(workflowId);
    String runId =
        WorkflowExecutions.describe(client, workflowId)
            .getWorkflowExecutionInfo()
            .getExecution()
            .getRunId();
    return new Job(workflowId, runId, summary);
  }

  private static List<Long> everyOther(List<Long> blocks) {
    return IntStream.range(0, blocks.size()).filter(i -> i % 2 == 0).mapToObj(blocks::get).toList();
  }
}
