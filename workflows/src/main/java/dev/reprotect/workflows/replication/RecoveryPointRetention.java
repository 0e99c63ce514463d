package dev.reprotect.workflows.replication;

import dev.reprotect.azure.RecoveryPointType;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BinaryOperator;

/**
 * The pruning table of the policy's retention (look-back), ages counted back from {@code now}:
 *
 * <ul>
 *   <li>retention 0 keeps the newest point only: a failover to {@code latest} needs a live source,
 *       and when the source is gone the newest point is all there is;
 *   <li>else every point of the last 2 hours is kept (age up to 2 h, inclusive);
 *   <li>beyond, no point older than the retention is kept (age up to the retention, inclusive);
 *   <li>of the others, one point of each bucket: its newest app-consistent point when it has one (a
 *       failover to {@code latest app-consistent} wants one for every bucket), else its newest.
 *       Buckets are 1 hour for a retention of 1 day, 2 hours for 2 to 7 days, and for 8 to 15 days
 *       2 hours up to an age of 7 days (inclusive), 4 hours beyond.
 * </ul>
 *
 * Buckets are intervals of their length aligned to the epoch, so an hourly bucket is a clock hour
 * (UTC), and the choice looks at every point of the bucket, the last 2 hours' too. A point older
 * than 2 hours is in a bucket that gets no new point, so a bucket's choice stays its choice as time
 * passes and a pruned point is never one the table would keep later; the 4-hour buckets are unions
 * of two 2-hour ones, whose choice is one of theirs, so passing 7 days only drops. The points a
 * failover or a drill chose are kept by the backend, not here.
 *
 * <p>{@link #firstTable} is the table as first released (the newest point of each bucket, and
 * retention 0 keeping the last 2 hours), which histories recorded before it changed replay with.
 */
public final class RecoveryPointRetention {
  public static final int MAX_RETENTION_DAYS = 15;
  static final Duration ALL_KEPT = Duration.ofHours(2);
  private static final Duration WEEK = Duration.ofDays(7);
  private static final List<Duration> BUCKET_LENGTHS =
      List.of(Duration.ofHours(1), Duration.ofHours(2), Duration.ofHours(4));
  private static final Comparator<RecoveryPointInfo> BY_TIME =
      Comparator.comparing(RecoveryPointInfo::time);
  private static final Comparator<RecoveryPointInfo> APP_CONSISTENT_THEN_BY_TIME =
      Comparator.<RecoveryPointInfo, Boolean>comparing(
              point -> point.type() == RecoveryPointType.AppConsistent)
          .thenComparing(BY_TIME);

  private RecoveryPointRetention() {}

  /** The points the table no longer keeps at {@code now}, in their given order. */
  public static List<RecoveryPointInfo> expired(
      List<RecoveryPointInfo> points, Instant now, int retentionDays) {
    refuseInvalid(retentionDays);
    if (retentionDays == 0) {
      return points.stream()
          .max(BY_TIME)
          .map(newest -> points.stream().filter(point -> point != newest).toList())
          .orElse(List.of());
    }
    return expired(points, now, retentionDays, APP_CONSISTENT_THEN_BY_TIME);
  }

  /** The points the first table no longer kept at {@code now}, in their given order. */
  public static List<RecoveryPointInfo> firstTable(
      List<RecoveryPointInfo> points, Instant now, int retentionDays) {
    refuseInvalid(retentionDays);
    return expired(points, now, retentionDays, BY_TIME);
  }

  /** Beyond 2 hours and within the retention, all but the greatest point of each bucket. */
  private static List<RecoveryPointInfo> expired(
      List<RecoveryPointInfo> points,
      Instant now,
      int retentionDays,
      Comparator<RecoveryPointInfo> preference) {
    Duration retention = Duration.ofDays(retentionDays);
    BinaryOperator<RecoveryPointInfo> preferred = BinaryOperator.maxBy(preference);
    Map<String, RecoveryPointInfo> keptByBucket = new HashMap<>();
    for (RecoveryPointInfo point : points) {
      for (Duration length : BUCKET_LENGTHS) {
        keptByBucket.merge(bucket(point, length), point, preferred);
      }
    }
    return points.stream()
        .filter(
            point -> {
              Duration age = Duration.between(point.time(), now);
              if (age.compareTo(ALL_KEPT) <= 0) {
                return false;
              }
              if (age.compareTo(retention) > 0) {
                return true;
              }
              return keptByBucket.get(bucket(point, bucketLength(retentionDays, age))) != point;
            })
        .toList();
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

  private static void refuseInvalid(int retentionDays) {
    if (retentionDays < 0 || retentionDays > MAX_RETENTION_DAYS) {
      throw new IllegalArgumentException(
          "retention is 0 to " + MAX_RETENTION_DAYS + " days, not " + retentionDays);
    }
  }

  private static String bucket(RecoveryPointInfo point, Duration length) {
    return length.toHours() + "h" + Math.floorDiv(point.time().toEpochMilli(), length.toMillis());
  }
}
