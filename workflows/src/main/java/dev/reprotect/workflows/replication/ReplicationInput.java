package dev.reprotect.workflows.replication;

import java.time.Duration;
import java.util.List;

/**
 * Starts (or continues) the replication of one protected item.
 *
 * @param runTag unique per reprotect run; every cut and point id starts with it
 *     ({@code <runTag>.c<N>}, {@code <runTag>.p<N>}), so a later run never meets an old id
 * @param retentionDays the policy's look-back, 0 to 15
 * @param appConsistentFrequencyMinutes 0 (off) or at least 60
 * @param lastCutId the cut the replicas hold (cut 0 of the initial sync); null when unknown, and
 *     the first cycle ships every allocated block
 * @param points the item's recovery points, made by this workflow or before it
 * @param carry null on the first run
 * @param cyclesPerRun cycles before continue-as-new (also when the server suggests it earlier)
 * @param cycleIntervalSeconds 0 for the product's fixed 5 minutes between crash-consistent
 *     points; shorter only where a person watches cycles go by (the demo)
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
    int cycleIntervalSeconds) {
  public static final int DEFAULT_CYCLES_PER_RUN = 100;
  /** Crash-consistent points every 5 minutes: fixed, as in the reference product. */
  public static final Duration CRASH_CONSISTENT_INTERVAL = Duration.ofMinutes(5);

  public ReplicationInput {
    points = List.copyOf(points);
  }

  /** The first run, as reprotect starts it. */
  public static ReplicationInput first(String vault, String vm, String sourceRegion,
      String targetRegion, String runTag, int retentionDays, int appConsistentFrequencyMinutes,
      String lastCutId, List<RecoveryPointInfo> points) {
    return new ReplicationInput(vault, vm, sourceRegion, targetRegion, runTag, retentionDays,
        appConsistentFrequencyMinutes, lastCutId, points, null, DEFAULT_CYCLES_PER_RUN, 0);
  }

  /** The same run with another interval between cycles (0 for the product's). */
  public ReplicationInput withCycleInterval(int seconds) {
    return new ReplicationInput(vault, vm, sourceRegion, targetRegion, runTag, retentionDays,
        appConsistentFrequencyMinutes, lastCutId, points, carry, cyclesPerRun, seconds);
  }

  public Duration cycleInterval() {
    return cycleIntervalSeconds > 0
        ? Duration.ofSeconds(cycleIntervalSeconds) : CRASH_CONSISTENT_INTERVAL;
  }
}
