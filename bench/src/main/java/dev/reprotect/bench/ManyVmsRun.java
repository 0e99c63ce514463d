package dev.reprotect.bench;

import dev.reprotect.azure.service.AzureService;
import dev.reprotect.azure.sim.LatencyModel;
import dev.reprotect.bench.harness.BenchWorld;
import dev.reprotect.bench.harness.LatencyRuns;
import dev.reprotect.bench.harness.ManyVmsBench;
import dev.reprotect.bench.harness.ManyVmsResult;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Item 4: N reprotects (1,000, or the N given) of small one-disk items of one vault, all started at
 * once on a Temporal server ({@code --address HOST:PORT}, whose process is {@code --server-pid
 * PID}), run by one worker process and then by two ({@code --workers 1,2}), each the packaged CLI
 * ({@code --jar}, worker/target/reprotect.jar) talking to the simulated Azure that this process
 * serves over HTTP. Each run has items of its own on the same server. Prints a Markdown table (the
 * peak memory of each worker and of the server, sampled) and the speed-up, and writes
 * bench/charts/many-vms-completions.png.
 */
public final class ManyVmsRun {
  private ManyVmsRun() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    RunArguments arguments = new RunArguments(args);
    String address =
        arguments
            .option("--address")
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "--address HOST:PORT of a Temporal server is needed"));
    long serverPid =
        Long.parseLong(
            arguments
                .option("--server-pid")
                .orElseThrow(
                    () ->
                        new IllegalArgumentException("--server-pid PID of that server is needed")));
    Path jar = Path.of(arguments.option("--jar").orElse("worker/target/reprotect.jar"));
    List<Integer> workerCounts =
        List.of(arguments.option("--workers").orElse("1,2").split(",")).stream()
            .map(Integer::parseInt)
            .toList();
    int[] counts = arguments.numbers(1000);
    Path logs = Files.createTempDirectory("many-vms");
    String token = AzureService.newToken();
    String vaultPrefix = "m" + System.currentTimeMillis() % 100000 + "-";
    System.out.println("Worker logs in " + logs);
    System.out.println(
        "| N | workers | succeeded | wall | jobs /s | p50 | p99 | "
            + "worker peak RSS | server peak RSS | machine before, after |");
    System.out.println("|---|---|---|---|---|---|---|---|---|---|");
    Map<String, Charts.Series> completions = new LinkedHashMap<>();
    List<String> speedUps = new ArrayList<>();
    WorkflowServiceStubs service = TemporalServer.connect(address);
    try (BenchWorld world = new BenchWorld(LatencyModel.none());
        AzureService azure = AzureService.start(0, token, world.azure())) {
      String azureUrl = "http://" + AzureService.LOOPBACK + ":" + azure.port();
      ManyVmsBench bench = new ManyVmsBench(world, TemporalServer.client(service));
      for (int n : counts) {
        Map<Integer, Double> throughputByWorkers = new LinkedHashMap<>();
        for (int workers : workerCounts) {
          String vault = vaultPrefix + n + "-w" + workers;
          List<String> vms = bench.seed(vault, n);
          String before = Machine.load();
          List<WorkerProcess> processes = new ArrayList<>();
          try {
            for (int i = 0; i < workers; i++) {
              processes.add(
                  WorkerProcess.start(
                      jar,
                      address,
                      TemporalServer.NAMESPACE,
                      azureUrl,
                      token,
                      logs.resolve(vault + "-worker-" + i + ".log")));
            }
            for (WorkerProcess process : processes) {
              process.awaitPolling(service, TemporalServer.NAMESPACE);
            }
            List<Long> pids = new ArrayList<>(processes.stream().map(WorkerProcess::pid).toList());
            pids.add(serverPid);
            ManyVmsResult result;
            String workerPeaks;
            double serverPeak;
            try (PeakRss memory = new PeakRss(pids)) {
              result = bench.run(vault, vms);
              workerPeaks =
                  processes.stream()
                      .map(process -> mib(memory.peakMib(process.pid())))
                      .collect(Collectors.joining(" + "));
              serverPeak = memory.peakMib(serverPid);
            }
            LatencyRuns runs = result.runs();
            throughputByWorkers.put(workers, runs.throughput());
            System.out.printf(
                Locale.ROOT,
                "| %d | %d | %d of %d | %.1f s | %.2f | %.1f s | %.1f s "
                    + "| %s | %s | %s, %s |%n",
                n,
                workers,
                result.succeeded(),
                result.started(),
                runs.wall().toMillis() / 1e3,
                runs.throughput(),
                runs.percentile(50).toMillis() / 1e3,
                runs.percentile(99).toMillis() / 1e3,
                workerPeaks,
                mib(serverPeak),
                before,
                Machine.load());
            completions.put(
                n + " jobs, " + workers + (workers == 1 ? " worker" : " workers"),
                completionCurve(result));
          } finally {
            for (WorkerProcess process : processes) {
              process.close();
            }
          }
        }
        if (throughputByWorkers.size() > 1) {
          List<Integer> measured = new ArrayList<>(throughputByWorkers.keySet());
          int first = measured.get(0);
          int last = measured.get(measured.size() - 1);
          speedUps.add(
              String.format(
                  Locale.ROOT,
                  "N = %d: %d workers / %d: %.2f",
                  n,
                  last,
                  first,
                  throughputByWorkers.get(last) / throughputByWorkers.get(first)));
        }
      }
    } finally {
      service.shutdown();
    }
    speedUps.forEach(speedUp -> System.out.println("Speed-up (throughput), " + speedUp));
    System.out.println(
        Charts.line(
            "many-vms-completions.png",
            "Reprotects completed since the first start (Temporal dev server)",
            "seconds",
            "jobs completed",
            false,
            completions));
  }

  private static String mib(double mib) {
    return String.format(Locale.ROOT, "%.0f MiB", mib);
  }

  /** About 50 points of the cumulative completions: enough for the curve, few markers. */
  private static Charts.Series completionCurve(ManyVmsResult result) {
    List<Double> seconds = new ArrayList<>(List.of(0.0));
    List<Double> completed = new ArrayList<>(List.of(0.0));
    int count = result.completedAfter().size();
    int step = Math.max(1, count / 50);
    for (int i = step - 1; i < count; i += step) {
      seconds.add(result.completedAfter().get(i).toMillis() / 1e3);
      completed.add((double) (i + 1));
    }
    if ((count % step) != 0) {
      seconds.add(result.completedAfter().get(count - 1).toMillis() / 1e3);
      completed.add((double) count);
    }
    return new Charts.Series(seconds, completed);
  }
}
