package dev.reprotect.workflows.replication;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * Starts (or continues) the replication of one protected item.
 *
 * @param runTag unique per reprotect run; every cut and point id starts with it ({@code
 *     <runTag>.c<N>}, {@code <runTag>.p<N>}), so a later run never meets an old id
 * @param retentionDays the policy's look-back, 0 to 15
 * @param appConsistentFrequencyMinutes 0 (off) or at least 60
 * @param lastCutId the cut the replicas hold (cut 0 of the initial sync); null when unknown, and
 *     the first cycle ships every allocated block
 * @param points the item's recovery points, made by this workflow or before it
 * @param carry null on the first run
 * @param cyclesPerRun cycles before continue-as-new (also when the server suggests it earlier)
 * @param cycleIntervalSeconds 0 for the product's fixed 5 minutes between crash-consistent points;
 *     shorter only where a person watches cycles go by (the demo)
 * @param cycleOffsetSeconds where in the interval this item's cycles start: from a hash of its
 *     vault and name, so that a fleet's cycles do not all begin at one instant and meet ARM's
 *     request limits together; 0 (on the clock's marks) for a run begun before it existed
 */
public record ReplicationInput(
    String vault,
    String vm,
    String sourceRegion,
    String targetRegion,
    String runTag,
    int retentionDays,
    int appConsistentFrequencyMinutes,
    String lastCutId,
    List<RecoveryPointInfo> points,
    ReplicationCarry carry,
    int cyclesPerRun,
    int cycleIntervalSeconds,
    int cycleOffsetSeconds) {
  public static final int DEFAULT_CYCLES_PER_RUN = 100;

  /** Crash-consistent points every 5 minutes: fixed, as in the reference product. */
  public static final Duration CRASH_CONSISTENT_INTERVAL = Duration.ofMinutes(5);

  public ReplicationInput {
    points = List.copyOf(points);
  }

  /** The first run, as reprotect starts it. */
  public static ReplicationInput first(
      String vault,
      String vm,
      String sourceRegion,
      String targetRegion,
      String runTag,
      int retentionDays,
      int appConsistentFrequencyMinutes,
      String lastCutId,
      List<RecoveryPointInfo> points) {
    return new ReplicationInput(
        vault,
        vm,
        sourceRegion,
        targetRegion,
        runTag,
        retentionDays,
        appConsistentFrequencyMinutes,
        lastCutId,
        points,
        null,
        DEFAULT_CYCLES_PER_RUN,
        0,
        offsetOf(vault, vm));
  }

  /** A second of the 5-minute interval, the same for an item on every run and every machine. */
  static int offsetOf(String vault, String vm) {
    long hash =
        UUID.nameUUIDFromBytes((vault + "/" + vm).getBytes(StandardCharsets.UTF_8))
            .getLeastSignificantBits();
    return (int) Math.floorMod(hash, CRASH_CONSISTENT_INTERVAL.toSeconds());
  }

  /** The same run with another interval between cycles (0 for the product's). */
  public ReplicationInput withCycleInterval(int seconds) {
    return new ReplicationInput(
        vault,
        vm,
        sourceRegion,
        targetRegion,
        runTag,
        retentionDays,
        appConsistentFrequencyMinutes,
        lastCutId,
        points,
        carry,
        cyclesPerRun,
        seconds,
        cycleOffsetSeconds);
  }

  /** The same run with its cycles at another offset in the interval (0 on the marks). */
  public ReplicationInput withCycleOffset(int seconds) {
    return new ReplicationInput(
        vault,
        vm,
        sourceRegion,
        targetRegion,
        runTag,
        retentionDays,
        appConsistentFrequencyMinutes,
        lastCutId,
        points,
        carry,
        cyclesPerRun,
        cycleIntervalSeconds,
        seconds);
  }

  /** The offset within the interval in use (an interval shorter than it takes its remainder). */
  public Duration cycleOffset() {
    return Duration.ofSeconds(cycleOffsetSeconds % cycleInterval().toSeconds());
  }

  public Duration cycleInterval() {
    return cycleIntervalSeconds > 0
        ? Duration.ofSeconds(cycleIntervalSeconds)
        : CRASH_CONSISTENT_INTERVAL;
  }
}
