package dev.reprotect.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The peak resident memory of other processes over a run: each one's VmRSS read from /proc every
 * {@link #PERIOD_MILLIS} ms, the highest kept. Sampled rather than the kernel's VmHWM so that a
 * process that outlives the run (the Temporal server) is measured over this run only.
 */
final class PeakRss implements AutoCloseable {
  static final long PERIOD_MILLIS = 200;

  private final Map<Long, Long> peakKib = new ConcurrentHashMap<>();
  private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();

  PeakRss(Iterable<Long> pids) {
    pids.forEach(pid -> peakKib.put(pid, 0L));
    sampler.scheduleAtFixedRate(this::sample, 0, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
  }

  private void sample() {
    peakKib.replaceAll((pid, peak) -> Math.max(peak, residentKib(pid)));
  }

  /** The process's resident set in KiB; 0 once it has ended. */
  private static long residentKib(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
      return 0;
    } catch (IOException ended) {
      return 0;
    }
  }

  /** The highest resident set seen so far, in MiB. */
  double peakMib(long pid) {
    return peakKib.get(pid) / 1024.0;
  }

  @Override
  public void close() {
    sampler.shutdownNow();
  }
}
