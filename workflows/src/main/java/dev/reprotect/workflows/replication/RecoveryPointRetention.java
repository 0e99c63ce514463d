package dev.reprotect.workflows.replication;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The pruning table of the policy's retention (look-back), ages counted back from {@code now}:
 * <ul>
 *   <li>every point of the last 2 hours is kept (age up to 2 h, inclusive);
 *   <li>beyond, no point older than the retention is kept (age up to the retention, inclusive),
 *       so retention 0 keeps none;
 *   <li>of the others, the newest point of each bucket: 1 hour for a retention of 1 day, 2 hours
 *       for 2 to 7 days, and for 8 to 15 days 2 hours up to an age of 7 days (inclusive), 4 hours
 *       beyond.
 * </ul>
 * Buckets are intervals of their length aligned to the epoch, so an hourly bucket is a clock
 * hour (UTC), and "newest" looks at every point of the bucket, the last 2 hours' too. A bucket's
 * newest point stays its newest as time passes, so a pruned point is never one the table would
 * keep later; the 4-hour buckets are unions of two 2-hour ones, so passing 7 days only drops.
 */
public final class RecoveryPointRetention {
  public static final int MAX_RETENTION_DAYS = 15;
  static final Duration ALL_KEPT = Duration.ofHours(2);
  private static final Duration WEEK = Duration.ofDays(7);
  private static final List<Duration> BUCKET_LENGTHS =
      List.of(Duration.ofHours(1), Duration.ofHours(2), Duration.ofHours(4));

  private RecoveryPointRetention() {}

  /** The points the table no longer keeps at {@code now}, in their given order. */
  public static List<RecoveryPointInfo> expired(
      List<RecoveryPointInfo> points, Instant now, int retentionDays) {
    if (retentionDays < 0 || retentionDays > MAX_RETENTION_DAYS) {
      throw new IllegalArgumentException(
          "retention is 0 to " + MAX_RETENTION_DAYS + " days, not " + retentionDays);
    }
    Duration retention = Duration.ofDays(retentionDays);
    Map<String, Instant> newestByBucket = new HashMap<>();
    for (RecoveryPointInfo point : points) {
      for (Duration length : BUCKET_LENGTHS) {
        newestByBucket.merge(bucket(point, length), point.time(),
            (a, b) -> a.isAfter(b) ? a : b);
      }
    }
    return points.stream().filter(point -> {
      Duration age = Duration.between(point.time(), now);
      if (age.compareTo(ALL_KEPT) <= 0) {
        return false;
      }
      if (age.compareTo(retention) > 0) {
        return true;
      }
      return !point.time().equals(
          newestByBucket.get(bucket(point, bucketLength(retentionDays, age))));
    }).toList();
  }

  static Duration bucketLength(int retentionDays, Duration age) {
    if (retentionDays <= 1) {
      return Duration.ofHours(1);
    }
    if (retentionDays <= 7 || age.compareTo(WEEK) <= 0) {
      return Duration.ofHours(2);
    }
    return Duration.ofHours(4);
  }

  private static String bucket(RecoveryPointInfo point, Duration length) {
    return length.toHours() + "h" + Math.floorDiv(point.time().toEpochMilli(), length.toMillis());
  }
}
