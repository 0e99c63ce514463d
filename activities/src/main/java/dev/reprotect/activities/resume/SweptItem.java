package dev.reprotect.activities.resume;

import dev.reprotect.activities.replication.ItemRef;
import java.time.Duration;
import java.time.Instant;

/**
 * An item of one of the backend's vaults as a sweep sees it: {@code replicates} when it is
 * Protected with no operation running, the items whose replication must run; when its replica was
 * last scrubbed ({@code lastScrub}, null when never) and how often its policy scrubs it ({@code
 * scrubIntervalDays}, 0 never).
 */
public record SweptItem(
    ItemRef item, boolean replicates, Instant lastScrub, int scrubIntervalDays) {

  /** An item that replicates is scrubbed once never, or once its interval has passed. */
  public boolean scrubDue(Instant now) {
    return replicates
        && scrubIntervalDays > 0
        && (lastScrub == null || !lastScrub.plus(Duration.ofDays(scrubIntervalDays)).isAfter(now));
  }
}
