package dev.reprotect.bench;

import dev.reprotect.activities.RegisteredActivities;
import dev.reprotect.azure.sim.LatencyModel;
import dev.reprotect.bench.harness.BenchWorld;
import dev.reprotect.bench.harness.ConcurrencyResult;
import dev.reprotect.bench.harness.FloorWorker;
import dev.reprotect.bench.harness.LatencyRuns;
import dev.reprotect.bench.harness.OrchestrationBench;
import dev.reprotect.worker.EmbeddedTemporal;
import dev.reprotect.worker.ReprotectModule;
import dev.reprotect.worker.ReprotectWorker;
import dev.reprotect.worker.WorkerSizing;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.worker.WorkerFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Item 1: N = 1, 50, 500 (or the N given) reprotects of small disks on the zero-latency simulator
 * against N floor workflows, each N in a fresh world. On the embedded server (a fresh one per N),
 * or with {@code --address HOST:PORT} on that Temporal server (namespace default), whose worker
 * this process runs. Prints a Markdown table and writes the charts bench/charts/concurrency-*.png
 * (concurrency-dev-*.png for a server).
 */
public final class ConcurrencyRun {
  private ConcurrencyRun() {}

  public static void main(String[] args) {
    RunArguments arguments = new RunArguments(args);
    String address = arguments.option("--address").orElse(null);
    int[] concurrencies = arguments.numbers(1, 50, 500);
    List<ConcurrencyResult> results = new ArrayList<>();
    System.out.println(
        "| N | activities per job | reprotect /s | floor /s | throughput ratio | "
            + "p50 reprotect / floor | p99 reprotect / floor | p50 ratio | p99 ratio | machine |");
    System.out.println("|---|---|---|---|---|---|---|---|---|---|");
    String vaultPrefix = "n" + System.currentTimeMillis() % 100000 + "-";
    for (int n : concurrencies) {
      try (BenchWorld world = new BenchWorld(LatencyModel.none())) {
        ConcurrencyResult r =
            address == null
                ? embedded(world, n, vaultPrefix)
                : onServer(world, n, vaultPrefix, address);
        results.add(r);
        System.out.printf(
            Locale.ROOT,
            "| %d | %d | %.2f | %.2f | %.2f | %s / %s | %s / %s | " + "%.2f | %.2f | %s |%n",
            n,
            r.activitiesPerJob(),
            r.reprotect().throughput(),
            r.floor().throughput(),
            r.throughputRatio(),
            seconds(r.reprotect(), 50),
            seconds(r.floor(), 50),
            seconds(r.reprotect(), 99),
            seconds(r.floor(), 99),
            r.p50Ratio(),
            r.p99Ratio(),
            Machine.load());
      }
    }
    chart(
        results,
        address == null ? "concurrency" : "concurrency-dev",
        address == null ? "embedded server" : "Temporal dev server");
  }

  private static ConcurrencyResult embedded(BenchWorld world, int n, String vaultPrefix) {
    FloorWorker floor = new FloorWorker();
    try (EmbeddedTemporal temporal =
        new EmbeddedTemporal(
            new ReprotectModule(world.azure(), RegisteredActivities.DEFAULT_BLOCKS_PER_RANGE),
            floor::register)) {
      return new OrchestrationBench(world, temporal.client(), vaultPrefix + n, floor).run(n);
    }
  }

  private static ConcurrencyResult onServer(
      BenchWorld world, int n, String vaultPrefix, String address) {
    WorkflowServiceStubs service = TemporalServer.connect(address);
    try {
      WorkflowClient client = TemporalServer.client(service);
      FloorWorker floor = new FloorWorker();
      WorkerFactory factory =
          ReprotectWorker.start(client, world.azure(), WorkerSizing.defaults(), floor::register);
      try {
        return new OrchestrationBench(world, client, vaultPrefix + n, floor).run(n);
      } finally {
        ReprotectWorker.stop(factory, Duration.ofSeconds(10));
      }
    } finally {
      service.shutdown();
    }
  }

  private static String seconds(LatencyRuns runs, double percent) {
    return String.format(Locale.ROOT, "%.2f s", runs.percentile(percent).toNanos() / 1e9);
  }

  private static void chart(List<ConcurrencyResult> results, String file, String server) {
    List<Double> n = results.stream().map(r -> (double) r.concurrency()).toList();
    Map<String, Charts.Series> throughput = new LinkedHashMap<>();
    throughput.put(
        "reprotect",
        new Charts.Series(n, results.stream().map(r -> r.reprotect().throughput()).toList()));
    throughput.put(
        "floor (same number of no-op activities)",
        new Charts.Series(n, results.stream().map(r -> r.floor().throughput()).toList()));
    System.out.println(
        Charts.line(
            file + "-throughput.png",
            "Workflows completed per second against concurrency (" + server + ")",
            "concurrent workflows (log)",
            "workflows / s",
            true,
            throughput));
    Map<String, Charts.Series> p99 = new LinkedHashMap<>();
    p99.put(
        "reprotect p99",
        new Charts.Series(
            n, results.stream().map(r -> r.reprotect().percentile(99).toNanos() / 1e9).toList()));
    p99.put(
        "floor p99",
        new Charts.Series(
            n, results.stream().map(r -> r.floor().percentile(99).toNanos() / 1e9).toList()));
    System.out.println(
        Charts.line(
            file + "-p99.png",
            "p99 latency against concurrency (" + server + ")",
            "concurrent workflows (log)",
            "seconds",
            true,
            p99));
  }
}
