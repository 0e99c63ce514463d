package dev.reprotect.activities.resume;

import dev.reprotect.activities.replication.ItemRef;
import java.time.Duration;
import java.time.Instant;

/**
 * An item of one of the backend's vaults as a sweep sees it: {@code replicates} when it is
 * Protected with no operation running, the items whose replication must run; when its replica was
 * last scrubbed ({@code lastScrub}, null when never), whether that scrub could not finish ({@code
 * lastScrubFailed}; false in sweeps recorded before it was known) and how often its policy scrubs
 * it ({@code scrubIntervalDays}, 0 never).
 */
public record SweptItem(
    ItemRef item,
    boolean replicates,
    Instant lastScrub,
    int scrubIntervalDays,
    boolean lastScrubFailed) {

  /**
   * A scrub that could not finish is tried again after this, not a whole interval later: the
   * replica is unchecked meanwhile. An hour lets a region come back without a scrub every sweep.
   */
  static final Duration AFTER_A_FAILED_SCRUB = Duration.ofHours(1);

  /**
   * An item that replicates is scrubbed once never, once its interval has passed, or an hour after
   * a scrub that failed.
   */
  public boolean scrubDue(Instant now) {
    if (!replicates || scrubIntervalDays <= 0) {
      return false;
    }
    if (lastScrub == null) {
      return true;
    }
    Duration interval = Duration.ofDays(scrubIntervalDays);
    Duration wait =
        lastScrubFailed && AFTER_A_FAILED_SCRUB.compareTo(interval) < 0
            ? AFTER_A_FAILED_SCRUB
            : interval;
    return !lastScrub.plus(wait).isAfter(now);
  }
}
