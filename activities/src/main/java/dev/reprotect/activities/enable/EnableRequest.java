package dev.reprotect.activities.enable;

import dev.reprotect.azure.ReplicationPolicy;

/**
 * Protect a VM of a vault's region pair for the first time. {@code targetRegion} is null for the
 * one region its network is mapped to; the policy's retention (0 to 15 days), app-consistent
 * frequency (0, or at least 60 minutes) and scrub interval (0 never, up to 365 days; null, as
 * requests made before it was asked, for the default of 7) are checked by the job, not here, so
 * that a bad value is a refusal with its code. {@code replicationCycleSeconds} is 0 for the
 * product's 5 minutes.
 */
public record EnableRequest(
    String vault,
    String vm,
    String targetRegion,
    int retentionDays,
    int appConsistentFrequencyMinutes,
    int replicationCycleSeconds,
    Integer scrubIntervalDays) {

  /** The request with the default policy, to the region the VM's network is mapped to. */
  public static EnableRequest of(String vault, String vm) {
    ReplicationPolicy policy = ReplicationPolicy.defaultPolicy();
    return new EnableRequest(
        vault,
        vm,
        null,
        policy.retentionDays(),
        policy.appConsistentFrequencyMinutes(),
        0,
        policy.scrubIntervalDays());
  }

  public EnableRequest withPolicy(int days, int appConsistentMinutes) {
    return new EnableRequest(
        vault,
        vm,
        targetRegion,
        days,
        appConsistentMinutes,
        replicationCycleSeconds,
        scrubIntervalDays);
  }

  public EnableRequest withScrubIntervalDays(int days) {
    return new EnableRequest(
        vault,
        vm,
        targetRegion,
        retentionDays,
        appConsistentFrequencyMinutes,
        replicationCycleSeconds,
        days);
  }

  public EnableRequest withTargetRegion(String region) {
    return new EnableRequest(
        vault,
        vm,
        region,
        retentionDays,
        appConsistentFrequencyMinutes,
        replicationCycleSeconds,
        scrubIntervalDays);
  }

  public EnableRequest withReplicationCycleSeconds(int seconds) {
    return new EnableRequest(
        vault,
        vm,
        targetRegion,
        retentionDays,
        appConsistentFrequencyMinutes,
        seconds,
        scrubIntervalDays);
  }
}
