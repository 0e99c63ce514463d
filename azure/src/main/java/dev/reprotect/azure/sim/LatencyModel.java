package dev.reprotect.azure.sim;

import java.time.Duration;
import java.util.Map;

/**
 * How long the simulated cloud takes: a delay per operation and a disk throughput for the bytes
 * that a copy or a sync moves, both multiplied by a time scale. The scale is 0 by default (tests
 * run at full speed); 1 is the reference product's pace, and 0.001 shows its proportions (the
 * sync dominates a large reprotect) in seconds.
 */
public record LatencyModel(
    double timeScale, double diskMegabytesPerSecond, Map<String, Duration> operationDelays) {

  /** A standard disk of the reference product: 60 MB/s. */
  public static final double STANDARD_DISK_MBPS = 60;

  public LatencyModel {
    if (timeScale < 0 || diskMegabytesPerSecond <= 0) {
      throw new IllegalArgumentException("the time scale is 0 or more, the throughput positive");
    }
    operationDelays = Map.copyOf(operationDelays);
  }

  public static LatencyModel none() {
    return new LatencyModel(0, STANDARD_DISK_MBPS, Map.of());
  }

  /**
   * The reference product's pace, scaled: control-plane operations take seconds to minutes (its
   * set-up adds 20 to 30 minutes to a reprotect), data moves at the disk's throughput.
   */
  public static LatencyModel reference(double timeScale, double diskMegabytesPerSecond) {
    return new LatencyModel(timeScale, diskMegabytesPerSecond, Map.ofEntries(
        Map.entry("createResourceGroup", Duration.ofSeconds(5)),
        Map.entry("createStorageAccount", Duration.ofSeconds(30)),
        Map.entry("createAvailabilitySet", Duration.ofSeconds(10)),
        Map.entry("createVirtualMachine", Duration.ofMinutes(3)),
        Map.entry("powerOff", Duration.ofMinutes(1)),
        Map.entry("start", Duration.ofMinutes(1)),
        Map.entry("deleteVirtualMachine", Duration.ofMinutes(2)),
        Map.entry("copyBlob", Duration.ofSeconds(30)),
        Map.entry("claimOperation", Duration.ofSeconds(2)),
        Map.entry("releaseOperation", Duration.ofSeconds(2)),
        Map.entry("releaseStaleOperation", Duration.ofSeconds(2)),
        Map.entry("putReplicatedItem", Duration.ofSeconds(5)),
        Map.entry("createRecoveryPoint", Duration.ofMinutes(1)),
        Map.entry("blockHashes", Duration.ofMillis(200)),
        Map.entry("pageRanges", Duration.ofMillis(200)),
        Map.entry("pageRangesDiff", Duration.ofMillis(200)),
        Map.entry("transferBlocks", Duration.ofMillis(200))));
  }

  /** The same model with another disk throughput: a slow (or fast) disk, set at runtime. */
  public LatencyModel withDiskMegabytesPerSecond(double megabytesPerSecond) {
    return new LatencyModel(timeScale, megabytesPerSecond, operationDelays);
  }

  /** Any wait the model imposes, a Retry-After included, follows its time scale. */
  public Duration scaled(Duration duration) {
    return Duration.ofNanos((long) (duration.toNanos() * timeScale));
  }

  Duration delayBefore(String operation) {
    return scaled(operationDelays.getOrDefault(operation, Duration.ZERO));
  }

  /** The time {@code bytes} take through the disk. */
  Duration timeToMove(long bytes) {
    return scaled(Duration.ofNanos((long) (bytes / (diskMegabytesPerSecond * 1e6) * 1e9)));
  }

  void beforeCall(String operation) {
    pause(delayBefore(operation));
  }

  void moveBytes(long bytes) {
    pause(timeToMove(bytes));
  }

  private static void pause(Duration duration) {
    if (duration.isZero()) {
      return;
    }
    try {
      Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
