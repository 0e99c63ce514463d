package dev.reprotect.bench.harness;

import dev.reprotect.activities.RegisteredActivities;
import dev.reprotect.azure.sim.LatencyModel;
import dev.reprotect.worker.EmbeddedTemporal;
import dev.reprotect.worker.ReprotectModule;

/**
 * The data path's counters, exact on the zero-latency simulator, and a reduced orchestration
 * benchmark, on the embedded server, in about a minute: a regression fails a counter's goal. The
 * bench module runs the full benchmarks with the same code.
 */
public final class QuickBench {
  static final String VAULT = "bench";

  /** Reprotects (and floors) started at once, in each of the interleaved rounds. */
  static final int CONCURRENCY = 10;

  static final int ROUNDS = 2;

  private QuickBench() {}

  public static QuickResult run() {
    FloorWorker floor = new FloorWorker();
    try (BenchWorld world = new BenchWorld(LatencyModel.none());
        EmbeddedTemporal temporal =
            new EmbeddedTemporal(
                new ReprotectModule(world.azure(), RegisteredActivities.DEFAULT_BLOCKS_PER_RANGE),
                floor::register)) {
      ConcurrencyResult orchestration =
          new OrchestrationBench(world, temporal.client(), VAULT, floor).run(CONCURRENCY, ROUNDS);
      return QuickResult.of(
          new DataPathBench(world, temporal.client(), VAULT).run(),
          OrchestrationFigures.of(orchestration));
    }
  }
}
