package dev.reprotect.bench.harness;

import dev.reprotect.activities.ReprotectRequest;
import dev.reprotect.worker.client.JobsClient;
import dev.reprotect.workflows.reprotect.ProtectionSummary;
import io.temporal.client.WorkflowClient;

/**
 * Reprotects of one-disk items, each timed by its sync activity as the server recorded it, and each
 * against a plain copy of the same disk's allocated bytes in this process, just before.
 */
public final class SyncBench {
  /**
   * The replication cycles the jobs start wait this long, so that none runs during a measurement;
   * {@link DeltaCycle} asks for short ones.
   */
  static final int QUIET_CYCLE_SECONDS = 24 * 3600;

  /** The reprotect of one item whose replication cycles stay quiet. */
  static ReprotectRequest quietRequest(String vault, String vm) {
    return ReprotectRequest.of(vault, vm).withReplicationCycleSeconds(QUIET_CYCLE_SECONDS);
  }

  private final BenchWorld world;
  private final WorkflowClient client;

  public SyncBench(BenchWorld world, WorkflowClient client) {
    this.world = world;
    this.client = client;
  }

  public SyncMeasurement measure(String vault, String vm, BenchDisk disk) {
    return measure(world.addItem(vault, vm, disk), disk, QUIET_CYCLE_SECONDS);
  }

  SyncMeasurement measure(BenchItem item, BenchDisk disk, int cycleSeconds) {
    long plainCopy = PlainCopy.nanos(world.azure(), item.source(), item.writtenBlocks());
    JobsClient jobs = new JobsClient(client);
    String workflowId =
        jobs.start(
            ReprotectRequest.of(item.vault(), item.vm()).withReplicationCycleSeconds(cycleSeconds));
    ProtectionSummary summary = jobs.await(workflowId);
    long sync =
        JobHistory.activityTime(client, workflowId, JobsClient.SYNC_ACTIVITY_TYPE).toNanos();
    return new SyncMeasurement(
        disk,
        disk.blocksToSend() * world.blockSize(),
        summary.disks().get(0).bytesTransferred(),
        sync,
        plainCopy);
  }
}
