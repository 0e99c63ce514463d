package dev.reprotect.bench;

import dev.reprotect.bench.harness.Counter;
import dev.reprotect.bench.harness.OrchestrationFigures;
import dev.reprotect.bench.harness.QuickBench;
import dev.reprotect.bench.harness.QuickResult;
import dev.reprotect.worker.cli.ExitCodes;
import dev.reprotect.worker.cli.Output;
import dev.reprotect.worker.cli.PluggedCommand;
import dev.reprotect.worker.render.Json;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "Measure Reprotect's data path by the simulated backend's meters, and its orchestration "
          + "against a floor run in the same process.",
      "%n--quick counts, for an initial sync, a delta cycle and a sparse disk, what the data path "
          + "read, sent and called, each against its goal, and exits non-zero when one is missed. "
          + "It runs in this JVM (embedded Temporal, zero-latency simulator) in about a minute. "
          + "The full runs, their charts and their goals are in the bench module: see "
          + "bench/RESULTS.md.%n"
    })
public final class BenchCommand implements PluggedCommand {
  @Spec CommandSpec spec;

  @Mixin Output output;

  @Option(
      names = "--quick",
      description = "The reduced benchmarks (the only ones this command runs).")
  boolean quick;

  @Override
  public Integer call() {
    if (!quick) {
      throw new ParameterException(
          spec.commandLine(),
          "bench runs only with --quick; the full benchmarks run from the bench module "
              + "(bench/RESULTS.md has the commands)");
    }
    if (!output.json) {
      output.out.println("Running the quick benchmarks (under a minute)...");
    }
    QuickResult result = QuickBench.run();
    if (output.json) {
      output.out.println(Json.write(result));
    } else {
      result.counters().forEach(this::row);
      OrchestrationFigures orchestration = result.orchestration();
      row("orchestrationRatio", orchestration.orchestrationRatio());
      output.out.printf(
          Locale.ROOT,
          "  %-24s %7.3f reprotect, %.3f floor (CPU-seconds a job)%n",
          "",
          orchestration.reprotectCpuSecondsPerJob(),
          orchestration.floorCpuSecondsPerJob());
      output.out.println(
          result.pass() ? "Every counter meets its goal." : "A counter misses its goal.");
      output.out.println(
          "The counters are exact (the backend's meters) and decide the exit "
              + "code; the orchestration ratio is timed on this machine and does not.");
    }
    return result.pass() ? ExitCodes.OK : ExitCodes.FAILED;
  }

  private void row(String name, Counter counter) {
    output.out.printf(
        Locale.ROOT,
        "  %-24s %7.3f   goal %-7s %s%n",
        name,
        counter.value(),
        counter.goal(),
        counter.pass() ? "met" : "MISSED");
  }
}
