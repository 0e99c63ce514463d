package dev.reprotect.azure;

import java.time.Duration;
import java.util.Optional;

/**
 * How recovery points are made and kept: crash-consistent points every 5 minutes (fixed),
 * app-consistent points every {@code appConsistentFrequencyMinutes} (0 is off, else at least 60),
 * kept for {@code retentionDays} (0 to 15). Every {@code scrubIntervalDays} (0 is never, up to 365;
 * null, as a policy recorded before scrubs read back, is the default of 7) the replica is scrubbed:
 * its newest point compared with the source from the bytes.
 */
public record ReplicationPolicy(
    String name, int retentionDays, int appConsistentFrequencyMinutes, Integer scrubIntervalDays) {
  public static final int CRASH_CONSISTENT_FREQUENCY_MINUTES = 5;

  /** Weekly: a full read of every replica, off the hot path, at a share of its disk's speed. */
  public static final int DEFAULT_SCRUB_INTERVAL_DAYS = 7;

  public static final int MAX_SCRUB_INTERVAL_DAYS = 365;

  public ReplicationPolicy {
    if (retentionDays < 0 || retentionDays > 15) {
      throw new IllegalArgumentException("retention is 0 to 15 days, not " + retentionDays);
    }
    if (appConsistentFrequencyMinutes != 0 && appConsistentFrequencyMinutes < 60) {
      throw new IllegalArgumentException(
          "app-consistent points are off (0) or at least 60 minutes apart");
    }
    scrubIntervalDays = scrubIntervalDays == null ? DEFAULT_SCRUB_INTERVAL_DAYS : scrubIntervalDays;
    if (scrubIntervalDays < 0 || scrubIntervalDays > MAX_SCRUB_INTERVAL_DAYS) {
      throw new IllegalArgumentException(
          "the scrub interval is 0 (never) to "
              + MAX_SCRUB_INTERVAL_DAYS
              + " days, not "
              + scrubIntervalDays);
    }
  }

  /** A policy with the default scrub interval. */
  public ReplicationPolicy(String name, int retentionDays, int appConsistentFrequencyMinutes) {
    this(name, retentionDays, appConsistentFrequencyMinutes, DEFAULT_SCRUB_INTERVAL_DAYS);
  }

  /** How often the replica is scrubbed; empty when never. */
  public Optional<Duration> scrubInterval() {
    return scrubIntervalDays == 0
        ? Optional.empty()
        : Optional.of(Duration.ofDays(scrubIntervalDays));
  }

  public static ReplicationPolicy defaultPolicy() {
    return new ReplicationPolicy("24-hour-retention-policy", 1, 60);
  }
}
