package dev.reprotect.worker.cli;

import dev.reprotect.worker.bench.QuickBench;
import dev.reprotect.worker.bench.QuickResult;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "bench", mixinStandardHelpOptions = true, description = {
    "Measure Reprotect against baselines run in the same process: each figure is a ratio, so "
        + "that a shared, noisy machine still gives comparable numbers.",
    "%n--quick runs reduced versions of the benchmarks in this JVM (embedded Temporal, "
        + "zero-latency simulator) in under a minute. The full runs, their charts and their "
        + "goals are in the bench module: see bench/RESULTS.md.%n"})
final class BenchCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  Output output;

  @Option(names = "--quick", description = "The reduced benchmarks (the only ones this command runs).")
  boolean quick;

  @Override
  public Integer call() {
    if (!quick) {
      throw new ParameterException(spec.commandLine(),
          "bench runs only with --quick; the full benchmarks run from the bench module "
              + "(bench/RESULTS.md has the commands)");
    }
    if (!output.json) {
      output.out.println("Running the quick benchmarks (under a minute)...");
    }
    QuickResult result = QuickBench.run();
    if (output.json) {
      output.out.println(Json.write(result));
      return ExitCodes.OK;
    }
    row("orchestration: reprotect throughput / no-op floor's", result.orchestrationRatio(),
        "at least 0.8");
    row("data path: bytes sent / bytes changed", result.sentOverChanged(),
        "at most 1.0 plus block rounding");
    row("block hash throughput / memory copy's", result.hashOverMemcpy(), "at least 0.5");
    row("sync time: 64 GiB sparse / 256 MiB, same 16 MiB written", result.sparseRatio(),
        "under 1.5");
    output.out.println("The quick runs are small: their ratios show a regression, the goals "
        + "belong to the full runs (bench/RESULTS.md).");
    return ExitCodes.OK;
  }

  private void row(String what, double ratio, String goal) {
    output.out.printf(Locale.ROOT, "  %-58s %7.3f   (goal %s)%n", what, ratio, goal);
  }
}
