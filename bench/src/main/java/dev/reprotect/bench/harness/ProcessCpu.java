package dev.reprotect.bench.harness;

import java.lang.management.ManagementFactory;

/** The CPU time this process has used, all its threads: what a job costs beside its wall time. */
final class ProcessCpu {
  private ProcessCpu() {}

  static long nanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }
}
