package dev.reprotect.azure;

/**
 * How recovery points are made and kept: crash-consistent points every 5 minutes (fixed),
 * app-consistent points every {@code appConsistentFrequencyMinutes} (0 is off, else at least
 * 60), kept for {@code retentionDays} (0 to 15).
 */
public record ReplicationPolicy(String name, int retentionDays, int appConsistentFrequencyMinutes) {
  public static final int CRASH_CONSISTENT_FREQUENCY_MINUTES = 5;

  public ReplicationPolicy {
    if (retentionDays < 0 || retentionDays > 15) {
      throw new IllegalArgumentException("retention is 0 to 15 days, not " + retentionDays);
    }
    if (appConsistentFrequencyMinutes != 0 && appConsistentFrequencyMinutes < 60) {
      throw new IllegalArgumentException(
          "app-consistent points are off (0) or at least 60 minutes apart");
    }
  }

  public static ReplicationPolicy defaultPolicy() {
    return new ReplicationPolicy("24-hour-retention-policy", 1, 60);
  }
}
