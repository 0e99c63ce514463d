package dev.reprotect.workflows.replication;

import java.time.Duration;

/**
 * The health of an item's replication. Critical: no recovery point for 60 minutes (every point is
 * crash-consistent, an app-consistent one too), or none at all, or the last scrub found the replica
 * different from its source after its repair (its points cannot be trusted). Warning: the RPO
 * exceeds 15 minutes, or the last cycle failed or warned (the VM's disks are not its replicas'
 * ones). Healthy otherwise.
 */
public final class ReplicationHealthRule {
  static final Duration CRITICAL_AGE = Duration.ofMinutes(60);
  static final Duration WARNING_RPO = Duration.ofMinutes(15);

  private ReplicationHealthRule() {}

  /** {@code rpo} is the age of the newest point, null when there is none. */
  public static ReplicationHealth health(
      Duration rpo, boolean lastCycleFailedOrWarned, boolean replicaMismatch) {
    if (rpo == null || rpo.compareTo(CRITICAL_AGE) >= 0 || replicaMismatch) {
      return ReplicationHealth.Critical;
    }
    if (rpo.compareTo(WARNING_RPO) > 0 || lastCycleFailedOrWarned) {
      return ReplicationHealth.Warning;
    }
    return ReplicationHealth.Healthy;
  }
}
