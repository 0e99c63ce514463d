package dev.reprotect.bench;

import dev.reprotect.activities.ReprotectActivities;
import dev.reprotect.azure.sim.LatencyModel;
import dev.reprotect.worker.EmbeddedTemporal;
import dev.reprotect.worker.ReprotectModule;
import dev.reprotect.worker.bench.BenchWorld;
import dev.reprotect.worker.bench.ConcurrencyResult;
import dev.reprotect.worker.bench.FloorWorker;
import dev.reprotect.worker.bench.LatencyRuns;
import dev.reprotect.worker.bench.OrchestrationBench;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Item 1 on the embedded server: N = 1, 50, 500 (or the N given) reprotects of small disks on
 * the zero-latency simulator against N floor workflows, each N in a fresh world and server.
 * Prints a Markdown table and writes bench/charts/concurrency.png.
 */
public final class ConcurrencyRun {
  private ConcurrencyRun() {}

  public static void main(String[] args) {
    int[] concurrencies = args.length == 0 ? new int[] {1, 50, 500}
        : Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
    List<ConcurrencyResult> results = new ArrayList<>();
    System.out.println("| N | activities per job | reprotect /s | floor /s | throughput ratio | "
        + "p50 reprotect / floor | p99 reprotect / floor | p50 ratio | p99 ratio | machine |");
    System.out.println("|---|---|---|---|---|---|---|---|---|---|");
    for (int n : concurrencies) {
      try (BenchWorld world = new BenchWorld(LatencyModel.none());
          EmbeddedTemporal temporal = new EmbeddedTemporal(
              new ReprotectModule(world.azure(), ReprotectActivities.DEFAULT_BLOCKS_PER_RANGE),
              FloorWorker::register)) {
        ConcurrencyResult r = new OrchestrationBench(world, temporal.client(), "n" + n).run(n);
        results.add(r);
        System.out.printf(Locale.ROOT, "| %d | %d | %.2f | %.2f | %.2f | %s / %s | %s / %s | "
                + "%.2f | %.2f | %s |%n", n, r.activitiesPerJob(), r.reprotect().throughput(),
            r.floor().throughput(), r.throughputRatio(), seconds(r.reprotect(), 50),
            seconds(r.floor(), 50), seconds(r.reprotect(), 99), seconds(r.floor(), 99),
            r.p50Ratio(), r.p99Ratio(), Machine.load());
      }
    }
    chart(results);
  }

  private static String seconds(LatencyRuns runs, double percent) {
    return String.format(Locale.ROOT, "%.2f s", runs.percentile(percent).toNanos() / 1e9);
  }

  private static void chart(List<ConcurrencyResult> results) {
    List<Double> n = results.stream().map(r -> (double) r.concurrency()).toList();
    Map<String, Charts.Series> throughput = new LinkedHashMap<>();
    throughput.put("reprotect", new Charts.Series(n,
        results.stream().map(r -> r.reprotect().throughput()).toList()));
    throughput.put("floor (same number of no-op activities)", new Charts.Series(n,
        results.stream().map(r -> r.floor().throughput()).toList()));
    System.out.println(Charts.line("concurrency-throughput.png",
        "Workflows completed per second against concurrency (embedded server)",
        "concurrent workflows (log)", "workflows / s", true, throughput));
    Map<String, Charts.Series> p99 = new LinkedHashMap<>();
    p99.put("reprotect p99", new Charts.Series(n,
        results.stream().map(r -> r.reprotect().percentile(99).toNanos() / 1e9).toList()));
    p99.put("floor p99", new Charts.Series(n,
        results.stream().map(r -> r.floor().percentile(99).toNanos() / 1e9).toList()));
    System.out.println(Charts.line("concurrency-p99.png",
        "p99 latency against concurrency (embedded server)", "concurrent workflows (log)",
        "seconds", true, p99));
  }
}
