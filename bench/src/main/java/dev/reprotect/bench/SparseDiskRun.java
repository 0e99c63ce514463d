package dev.reprotect.bench;

import dev.reprotect.activities.RegisteredActivities;
import dev.reprotect.azure.sim.LatencyModel;
import dev.reprotect.bench.harness.BenchDisk;
import dev.reprotect.bench.harness.BenchWorld;
import dev.reprotect.bench.harness.DeltaCycle;
import dev.reprotect.bench.harness.SyncBench;
import dev.reprotect.bench.harness.SyncMeasurement;
import dev.reprotect.worker.EmbeddedTemporal;
import dev.reprotect.worker.ReprotectModule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Item 3: the same 64 MiB written on disks of 1 GiB to 1 TiB, each copied in full by an initial
 * sync (no stale disk), and one delta cycle shipping 8 MiB on the smallest and the largest. Prints
 * Markdown tables and writes bench/charts/sync-vs-size.png.
 */
public final class SparseDiskRun {
  private static final long GIB = 1L << 30;
  private static final long[] SIZES = {GIB, 16 * GIB, 256 * GIB, 1024 * GIB};
  private static final int WRITTEN_BLOCKS = 64;
  private static final int DELTA_BLOCKS = 8;

  private SparseDiskRun() {}

  public static void main(String[] args) {
    List<Double> sizes = new ArrayList<>();
    List<Double> syncSeconds = new ArrayList<>();
    try (BenchWorld world = new BenchWorld(LatencyModel.none());
        EmbeddedTemporal temporal =
            new EmbeddedTemporal(
                new ReprotectModule(
                    world.azure(), RegisteredActivities.DEFAULT_BLOCKS_PER_RANGE))) {
      SyncBench bench = new SyncBench(world, temporal.client());
      bench.measure("warmup", "warmup", new BenchDisk(GIB, WRITTEN_BLOCKS, WRITTEN_BLOCKS, false));
      System.out.println("| disk | written | sync | sent | machine |");
      System.out.println("|---|---|---|---|---|");
      for (long size : SIZES) {
        SyncMeasurement m =
            bench.measure(
                "sparse",
                "s" + size / GIB,
                new BenchDisk(size, WRITTEN_BLOCKS, WRITTEN_BLOCKS, false));
        System.out.printf(
            Locale.ROOT,
            "| %d GiB | 64 MiB | %.3f s | %.1f MiB | %s |%n",
            size / GIB,
            m.syncNanos() / 1e9,
            m.bytesSent() / 1048576.0,
            Machine.load());
        sizes.add((double) size / GIB);
        syncSeconds.add(m.syncNanos() / 1e9);
      }
      System.out.printf(
          Locale.ROOT,
          "sync time ratio 1 TiB / 1 GiB: %.2f%n",
          syncSeconds.get(syncSeconds.size() - 1) / syncSeconds.get(0));

      DeltaCycle delta = new DeltaCycle(world, temporal.client());
      System.out.println("| disk | blocks changed | shipment | machine |");
      System.out.println("|---|---|---|---|");
      double[] shipSeconds = new double[2];
      long[] deltaSizes = {GIB, 1024 * GIB};
      for (int i = 0; i < deltaSizes.length; i++) {
        DeltaCycle.Shipment shipment =
            delta.measure(
                "delta",
                "d" + deltaSizes[i] / GIB,
                new BenchDisk(deltaSizes[i], WRITTEN_BLOCKS, 0, false),
                DELTA_BLOCKS);
        shipSeconds[i] = shipment.nanos() / 1e9;
        System.out.printf(
            Locale.ROOT,
            "| %d GiB | %d | %.3f s | %s |%n",
            deltaSizes[i] / GIB,
            shipment.blocksChanged(),
            shipSeconds[i],
            Machine.load());
      }
      System.out.printf(
          Locale.ROOT, "delta cycle ratio 1 TiB / 1 GiB: %.2f%n", shipSeconds[1] / shipSeconds[0]);
    }
    Map<String, Charts.Series> series = new LinkedHashMap<>();
    series.put("initial sync, 64 MiB written", new Charts.Series(sizes, syncSeconds));
    System.out.println(
        Charts.line(
            "sync-vs-size.png",
            "Initial sync time against disk size, the same 64 MiB written",
            "disk size (GiB, log)",
            "seconds",
            true,
            series));
  }
}
