package dev.reprotect.bench;

import dev.reprotect.activities.RegisteredActivities;
import dev.reprotect.azure.sim.LatencyModel;
import dev.reprotect.bench.harness.BenchDisk;
import dev.reprotect.bench.harness.BenchWorld;
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
 * Item 2: the initial sync of a 1 GiB disk, every block written, with 1%, 10% and 50% of its blocks
 * changed since the failover, against a plain copy of its allocated bytes; bytes sent over bytes
 * changed. Prints a Markdown table and writes bench/charts/sync-vs-changed.png.
 */
public final class DataPathRun {
  private static final int BLOCKS = 1024;
  private static final int[] CHANGED_PERCENTS = {1, 10, 50};

  private DataPathRun() {}

  public static void main(String[] args) {
    int repeats = args.length > 0 ? Integer.parseInt(args[0]) : 1;
    List<Double> shares = new ArrayList<>();
    List<Double> syncSeconds = new ArrayList<>();
    List<Double> copySeconds = new ArrayList<>();
    System.out.println(
        "| changed | sync | plain copy | sync / copy | sent | sent / changed | " + "machine |");
    System.out.println("|---|---|---|---|---|---|---|");
    try (BenchWorld world = new BenchWorld(LatencyModel.none());
        EmbeddedTemporal temporal =
            new EmbeddedTemporal(
                new ReprotectModule(
                    world.azure(), RegisteredActivities.DEFAULT_BLOCKS_PER_RANGE))) {
      SyncBench bench = new SyncBench(world, temporal.client());
      bench.measure("warmup", "warmup", new BenchDisk(64L << 20, 64, 8, true));
      for (int repeat = 0; repeat < repeats; repeat++) {
        for (int percent : CHANGED_PERCENTS) {
          BenchDisk disk = new BenchDisk((long) BLOCKS << 20, BLOCKS, BLOCKS * percent / 100, true);
          SyncMeasurement m = bench.measure("data", "c" + percent + "-" + repeat, disk);
          System.out.printf(
              Locale.ROOT,
              "| %d%% (%d blocks) | %.2f s | %.2f s | %.2f | %.1f MiB " + "| %.4f | %s |%n",
              percent,
              disk.changedBlocks(),
              m.syncNanos() / 1e9,
              m.plainCopyNanos() / 1e9,
              m.syncOverPlainCopy(),
              m.bytesSent() / 1048576.0,
              m.sentOverChanged(),
              Machine.load());
          shares.add((double) percent);
          syncSeconds.add(m.syncNanos() / 1e9);
          copySeconds.add(m.plainCopyNanos() / 1e9);
        }
      }
    }
    Map<String, Charts.Series> series = new LinkedHashMap<>();
    series.put(
        "initial sync (hash both sides, send the differences, verify)",
        new Charts.Series(shares, syncSeconds));
    series.put("plain copy of the allocated bytes", new Charts.Series(shares, copySeconds));
    System.out.println(
        Charts.line(
            "sync-vs-changed.png",
            "Initial sync of a 1 GiB disk (all written) against the share of blocks changed",
            "blocks changed (%)",
            "seconds",
            false,
            series));
  }
}
