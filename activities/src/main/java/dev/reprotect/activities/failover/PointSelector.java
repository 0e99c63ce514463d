package dev.reprotect.activities.failover;

import dev.reprotect.azure.RecoveryPoint;
import dev.reprotect.azure.RecoveryPointType;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Which recovery point a failover uses; anything else than the three kinds is a point id. */
public final class PointSelector {
  /** A cut taken and shipped now: the lowest RPO. */
  public static final String LATEST = "latest";

  /** The newest point that exists: the fastest. */
  public static final String LATEST_PROCESSED = "latest-processed";

  public static final String LATEST_APP_CONSISTENT = "latest-app-consistent";

  private PointSelector() {}

  /**
   * The point a test failover uses for {@code selector}: {@code latest} is the newest existing
   * point, since a cut shipped now would write to the replicas under the replication's feet.
   */
  public static String forTestFailover(String selector) {
    return LATEST.equals(selector) ? LATEST_PROCESSED : selector;
  }

  /** The point {@code selector} names among {@code points}; {@code latest} names none yet. */
  public static Optional<RecoveryPoint> select(String selector, List<RecoveryPoint> points) {
    Comparator<RecoveryPoint> byTime = Comparator.comparing(RecoveryPoint::time);
    return switch (selector) {
      case LATEST_PROCESSED -> points.stream().max(byTime);
      case LATEST_APP_CONSISTENT ->
          points.stream()
              .filter(point -> point.type() == RecoveryPointType.AppConsistent)
              .max(byTime);
      default -> points.stream().filter(point -> point.id().equals(selector)).findFirst();
    };
  }
}
