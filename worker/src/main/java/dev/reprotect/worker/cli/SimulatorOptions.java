package dev.reprotect.worker.cli;

import dev.reprotect.azure.sim.LatencyModel;
import dev.reprotect.azure.sim.SimulatedAzure;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** How fast the simulated cloud is. */
final class SimulatorOptions {
  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;

  @Option(
      names = "--time-scale",
      defaultValue = "${env:REPROTECT_SIM_TIME_SCALE:-0}",
      paramLabel = "FACTOR",
      description =
          "Pace of the simulated cloud against the reference product's: 0 (default) is "
              + "as fast as possible, 1 real time, 0.001 its proportions in seconds. Also set by "
              + "$REPROTECT_SIM_TIME_SCALE.")
  double timeScale;

  @Option(
      names = "--disk-mbps",
      defaultValue = "${env:REPROTECT_SIM_DISK_MBPS:-60}",
      paramLabel = "MB/S",
      description =
          "Disk throughput of the model, in MB/s: 60 standard, 200 premium (default: "
              + "$REPROTECT_SIM_DISK_MBPS or 60).")
  double diskMbps;

  SimulatedAzure apply(SimulatedAzure azure) {
    if (timeScale < 0 || diskMbps <= 0) {
      throw new ParameterException(
          spec.commandLine(), "--time-scale is 0 or more and --disk-mbps is positive");
    }
    return timeScale == 0 ? azure : azure.withLatency(LatencyModel.reference(timeScale, diskMbps));
  }
}
