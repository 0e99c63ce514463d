package dev.reprotect.worker.cli;

import dev.reprotect.worker.bench.Counter;
import dev.reprotect.worker.bench.OrchestrationFigures;
import dev.reprotect.worker.bench.QuickBench;
import dev.reprotect.worker.bench.QuickResult;
import dev.reprotect.worker.render.Json;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "bench", mixinStandardHelpOptions = true, description = {
    "Measure Reprotect's data path by the simulated backend's meters, and its orchestration "
        + "against a floor run in the same process.",
    "%n--quick counts, for an initial sync, a delta cycle and a sparse disk, what the data path "
        + "read, sent and called, each against its goal, and exits non-zero when one is missed. "
        + "It runs in this JVM (embedded Temporal, zero-latency simulator) in about a minute. "
        + "The full runs, their charts and their goals are in the bench module: see "
        + "bench/RESULTS.md.%n"})
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
    } else {
      result.counters().forEach(this::row);
      OrchestrationFigures orchestration = result.orchestration();
      row("orchestrationRatio", orchestration.orchestrationRatio());
      output.out.printf(Locale.ROOT, "  %-24s %7.3f reprotect, %.3f floor (CPU-seconds a job)%n",
          "", orchestration.reprotectCpuSecondsPerJob(), orchestration.floorCpuSecondsPerJob());
      output.out.println(result.pass() ? "Every counter meets its goal."
          : "A counter misses its goal.");
      output.out.println("The counters are exact (the backend's meters) and decide the exit "
          + "code; the orchestration ratio is timed on this machine and does not.");
    }
    return result.pass() ? ExitCodes.OK : ExitCodes.FAILED;
  }

  private void row(String name, Counter counter) {
    output.out.printf(Locale.ROOT, "  %-24s %7.3f   goal %-7s %s%n", name, counter.value(),
        counter.goal(), counter.pass() ? "met" : "MISSED");
  }
}
