package dev.reprotect.workflows;

import io.temporal.activity.ActivityCancellationType;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import java.time.Duration;

/**
 * The one place where the activities' timeouts and retries are set. Transient failures are
 * retried with backoff, within a bound: every activity has a schedule-to-close timeout and a
 * maximum number of attempts, so no job stays InProgress forever. Each call carries a summary
 * for the Web UI.
 */
public final class ActivityPolicies {
  static final int MAXIMUM_ATTEMPTS = 8;
  /**
   * A sync runs for hours and resumes from its heartbeat: it may ride out several short backend
   * outages (a restart of the service, say), and still gives up on one that lasts about half an
   * hour.
   */
  static final int MAXIMUM_SYNC_ATTEMPTS = 30;

  /**
   * A replication cycle's step gives up after a quarter of a minute of backoff: an outage fails
   * the cycle (recorded, its point not made) and the next cycle, 5 minutes on, tries again, so the
   * schedule never stalls behind one step.
   */
  static final int MAXIMUM_CYCLE_ATTEMPTS = 5;

  private static final RetryOptions RETRY = retry(MAXIMUM_ATTEMPTS);
  private static final RetryOptions CYCLE_RETRY = retry(MAXIMUM_CYCLE_ATTEMPTS);
  private static final RetryOptions SYNC_RETRY = retry(MAXIMUM_SYNC_ATTEMPTS);

  private ActivityPolicies() {}

  /** A short step: a few backend calls. */
  public static ActivityOptions step(String summary) {
    return withSummary(summary)
        .setStartToCloseTimeout(Duration.ofMinutes(2))
        .setScheduleToCloseTimeout(Duration.ofMinutes(20))
        .build();
  }

  /**
   * The initial sync of a disk: hours for a large disk, so liveness comes from heartbeats; a
   * worker that dies is noticed within the heartbeat timeout and another resumes its work.
   */
  public static ActivityOptions sync(String summary) {
    return withSummary(summary)
        .setRetryOptions(SYNC_RETRY)
        .setStartToCloseTimeout(Duration.ofHours(12))
        .setScheduleToCloseTimeout(Duration.ofHours(24))
        .setHeartbeatTimeout(Duration.ofSeconds(30))
        .build();
  }

  /**
   * A step of a replication cycle other than the shipment: one backend operation (a cut, a point,
   * a deletion, a state read), bounded well within the cycle's 5-minute interval.
   */
  public static ActivityOptions cycleStep(String summary) {
    return withSummary(summary)
        .setRetryOptions(CYCLE_RETRY)
        .setStartToCloseTimeout(Duration.ofMinutes(1))
        .setScheduleToCloseTimeout(Duration.ofMinutes(4))
        .build();
  }

  /**
   * The shipment of a cycle: the blocks changed in 5 minutes, at most about 16 GB at the churn
   * limit of a VM, so minutes, up to an hour for a cycle that catches up after an outage; a
   * worker that dies is noticed by the heartbeat timeout. A cycle that overruns delays the next.
   */
  public static ActivityOptions shipment(String summary) {
    return withSummary(summary)
        .setRetryOptions(CYCLE_RETRY)
        .setStartToCloseTimeout(Duration.ofHours(1))
        .setScheduleToCloseTimeout(Duration.ofHours(2))
        .setHeartbeatTimeout(Duration.ofSeconds(30))
        .build();
  }

  /**
   * What every activity shares. A cancelled job waits for the activity to acknowledge, so that
   * it stops at a safe point rather than being abandoned mid-step.
   */
  private static RetryOptions retry(int maximumAttempts) {
    return RetryOptions.newBuilder()
        .setInitialInterval(Duration.ofSeconds(1))
        .setBackoffCoefficient(2.0)
        .setMaximumInterval(Duration.ofMinutes(1))
        .setMaximumAttempts(maximumAttempts)
        .build();
  }

  private static ActivityOptions.Builder withSummary(String summary) {
    return ActivityOptions.newBuilder()
        .setRetryOptions(RETRY)
        .setCancellationType(ActivityCancellationType.WAIT_CANCELLATION_COMPLETED)
        .setSummary(summary);
  }
}
