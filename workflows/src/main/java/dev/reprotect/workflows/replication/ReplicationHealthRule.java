package dev.reprotect.workflows.replication;

import dev.reprotect.azure.ScrubOutcome;
import java.time.Duration;

/**
 * The health of an item's replication. Critical: no recovery point for 60 minutes (every point is
 * crash-consistent, an app-consistent one too), or none at all, or the last scrub found the replica
 * different from its source after its repair (its points cannot be trusted). Warning: the RPO
 * exceeds 15 minutes, or the last cycle failed or warned (the VM's disks are not its replicas'
 * ones), or the last scrub could not finish (nothing is known of the replica since). Healthy
 * otherwise.
 */
public final class ReplicationHealthRule {
  static final Duration CRITICAL_AGE = Duration.ofMinutes(60);
  static final Duration WARNING_RPO = Duration.ofMinutes(15);

  private ReplicationHealthRule() {}

  /**
   * {@code rpo} is the age of the newest point, null when there is none; {@code lastScrub} how the
   * last scrub ended, null when none is known.
   */
  public static ReplicationHealth health(
      Duration rpo, boolean lastCycleFailedOrWarned, ScrubOutcome lastScrub) {
    if (rpo == null
        || rpo.compareTo(CRITICAL_AGE) >= 0
        || lastScrub == ScrubOutcome.ReplicaMismatch) {
      return ReplicationHealth.Critical;
    }
    if (rpo.compareTo(WARNING_RPO) > 0
        || lastCycleFailedOrWarned
        || lastScrub == ScrubOutcome.Failed) {
      return ReplicationHealth.Warning;
    }
    return ReplicationHealth.Healthy;
  }
}
