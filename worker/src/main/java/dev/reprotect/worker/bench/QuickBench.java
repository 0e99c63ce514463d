package dev.reprotect.worker.bench;

import dev.reprotect.activities.ReprotectActivities;
import dev.reprotect.azure.sim.LatencyModel;
import dev.reprotect.worker.EmbeddedTemporal;
import dev.reprotect.worker.ReprotectModule;

/**
 * Reduced versions of the orchestration, data-path and sparse-disk benchmarks, on the embedded
 * server and the zero-latency simulator, in well under a minute: a regression shows at a glance.
 * The bench module runs the full ones with the same code.
 */
public final class QuickBench {
  static final String VAULT = "bench";
  static final int CONCURRENCY = 20;
  private static final long MIB = 1L << 20;
  /** 64 MiB written, a tenth of it changed since the failover. */
  static final BenchDisk CHANGED_DISK = new BenchDisk(64 * MIB, 64, 6, true);
  /** 16 MiB written on a 64 GiB disk, copied in full, against the same on a 256 MiB disk. */
  static final BenchDisk SPARSE_DISK = new BenchDisk(64L << 30, 16, 16, false);
  static final BenchDisk DENSE_DISK = new BenchDisk(256 * MIB, 16, 16, false);

  private QuickBench() {}

  public static QuickResult run() {
    try (BenchWorld world = new BenchWorld(LatencyModel.none());
        EmbeddedTemporal temporal = new EmbeddedTemporal(
            new ReprotectModule(world.azure(), ReprotectActivities.DEFAULT_BLOCKS_PER_RANGE),
            FloorWorker::register)) {
      ConcurrencyResult orchestration =
          new OrchestrationBench(world, temporal.client(), VAULT).run(CONCURRENCY);
      SyncBench sync = new SyncBench(world, temporal.client());
      SyncMeasurement changed = sync.measure(VAULT, "changed", CHANGED_DISK);
      SyncMeasurement sparse = sync.measure(VAULT, "sparse", SPARSE_DISK);
      SyncMeasurement dense = sync.measure(VAULT, "dense", DENSE_DISK);
      return new QuickResult(orchestration.throughputRatio(), changed.sentOverChanged(),
          HashThroughput.hashOverMemoryCopy(), (double) sparse.syncNanos() / dense.syncNanos());
    }
  }
}
