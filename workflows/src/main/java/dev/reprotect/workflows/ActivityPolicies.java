package dev.reprotect.workflows;

import io.temporal.activity.ActivityCancellationType;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;

/**
 * The one place where the activities' timeouts and retries are set. Transient failures are retried
 * with backoff, within a bound: every activity but the release ({@link #release}) has a maximum
 * number of attempts, and every one but the sync (bounded by heartbeats and attempts, see {@link
 * #sync}) a schedule-to-close timeout, so no job stays InProgress forever. Each call carries a
 * summary for the Web UI.
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
   * A replication cycle's step gives up after a quarter of a minute of backoff: an outage fails the
   * cycle (recorded, its point not made) and the next cycle, 5 minutes on, tries again, so the
   * schedule never stalls behind one step.
   */
  static final int MAXIMUM_CYCLE_ATTEMPTS = 5;

  /** The longest a long-running operation of the backend may take, see {@link #longStep}. */
  static final Duration LONG_OPERATION_BOUND = Duration.ofHours(24);

  /** The heartbeat timeout of the loops that send blocks across regions: see {@link #sync}. */
  static final Duration DATA_HEARTBEAT_TIMEOUT = Duration.ofMinutes(1);

  private static final RetryOptions RETRY = retry(MAXIMUM_ATTEMPTS);
  private static final RetryOptions CYCLE_RETRY = retry(MAXIMUM_CYCLE_ATTEMPTS);
  private static final RetryOptions SYNC_RETRY = retry(MAXIMUM_SYNC_ATTEMPTS);

  /**
   * No attempt limit, see {@link #release}; an attempt every 5 minutes at most through a long
   * outage, as often as a replication cycle.
   */
  private static final RetryOptions RELEASE_RETRY =
      retry(0).toBuilder().setMaximumInterval(Duration.ofMinutes(5)).build();

  private ActivityPolicies() {}

  /** A short step: a few backend calls. */
  public static ActivityOptions step(String summary) {
    return withSummary(summary)
        .setStartToCloseTimeout(Duration.ofMinutes(2))
        .setScheduleToCloseTimeout(Duration.ofMinutes(20))
        .build();
  }

  /**
   * A step that waits for one of the backend's long-running operations (a VM's deletion, a disk's
   * copy into its seed blob): minutes at the reference pace, more for a large disk, so liveness
   * comes from the heartbeats the activity sends between two polls, and a worker that dies is
   * noticed within a minute; the retry finds the operation again by the id it heartbeated. The
   * start-to-close only bounds an operation that never ends: an in-region copy of the largest disk
   * (4 TiB) at the reference product's 60 MB/s takes about 20 hours.
   */
  public static ActivityOptions longStep(String summary) {
    return withSummary(summary)
        .setStartToCloseTimeout(LONG_OPERATION_BOUND)
        .setScheduleToCloseTimeout(LONG_OPERATION_BOUND.multipliedBy(2))
        .setHeartbeatTimeout(Duration.ofMinutes(1))
        .build();
  }

  /**
   * The initial sync of a disk: hours for a large disk, days for a large one over a slow link, so
   * liveness comes from heartbeats; a worker that dies is noticed within the heartbeat timeout and
   * another resumes its work.
   *
   * <p>The sync (and the shipment of a cycle, with the same loop) sends between two heartbeats only
   * what fits a third of the heartbeat timeout at the pace it measures
   * (dev.reprotect.activities.data.HeartbeatPace), so the link's speed sets the size of a batch,
   * not the time between heartbeats. What it cannot shrink is one block (1 MiB) plus a call's fixed
   * cost, and a range's comparison: a minute leaves 20 s for those, one block down to about 0.05
   * MB/s, and still notices a dead worker within a minute.
   *
   * <p>No schedule-to-close: any fixed bound is wrong for some disk (1 TiB at the reference
   * product's 9 MB/s takes about 31 h, at 2 MB/s six days), and a derived one would need the link's
   * rate, which the workflow does not know. The bound is the attempts instead: a live sync keeps
   * heartbeating and never uses one, a dead or failing one uses one per heartbeat timeout or
   * failure. The start-to-close only ends an attempt that heartbeats without end; the next resumes
   * from its last heartbeat, so a long disk loses one batch per week, not its work.
   */
  public static ActivityOptions sync(String summary) {
    return withSummary(summary)
        .setRetryOptions(SYNC_RETRY)
        .setStartToCloseTimeout(Duration.ofDays(7))
        .setHeartbeatTimeout(DATA_HEARTBEAT_TIMEOUT)
        .build();
  }

  /**
   * The release of a failed job's claim on its item. The outage that failed the job often lasts
   * through it, and an item left claimed refuses every later job, so it outlasts any outage a step
   * gives up on: no attempt limit, a week's bound. Past that the job still ends, and the item's
   * claim waits for {@code reprotect release --force}.
   */
  public static ActivityOptions release(String summary) {
    return withSummary(summary)
        .setRetryOptions(RELEASE_RETRY)
        .setStartToCloseTimeout(Duration.ofMinutes(2))
        .setScheduleToCloseTimeout(Duration.ofDays(7))
        .build();
  }

  /**
   * A step of a replication cycle other than the shipment: one backend operation (a cut, a point, a
   * deletion, a state read), bounded well within the cycle's 5-minute interval.
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
   * limit of a VM, so minutes, up to an hour for a cycle that catches up after an outage; a worker
   * that dies is noticed by the heartbeat timeout, sized for a slow link as the sync's is (see
   * {@link #sync}). A cycle that overruns delays the next.
   */
  public static ActivityOptions shipment(String summary) {
    return withSummary(summary)
        .setRetryOptions(CYCLE_RETRY)
        .setStartToCloseTimeout(Duration.ofHours(1))
        .setScheduleToCloseTimeout(Duration.ofHours(2))
        .setHeartbeatTimeout(DATA_HEARTBEAT_TIMEOUT)
        .build();
  }

  /**
   * {@link #shipment} on the shipment queue of the calling workflow's task queue ({@link
   * TaskQueues#shipmentQueueOf}), where it cannot take the short steps' slots.
   */
  public static ActivityOptions shipmentOnItsOwnQueue(String summary) {
    return shipment(summary).toBuilder()
        .setTaskQueue(TaskQueues.shipmentQueueOf(Workflow.getInfo().getTaskQueue()))
        .build();
  }

  /**
   * The scrub of a disk: a full read of both sides at a quarter of the disk's throughput, so a 4
   * TiB disk at the reference product's 60 MB/s takes about three days. Liveness comes from
   * heartbeats, as the sync's does, and a retry resumes from the last one; the week's
   * start-to-close only ends an attempt that heartbeats without end, and the attempts bound the
   * scrub that keeps failing.
   */
  public static ActivityOptions scrub(String summary) {
    return withSummary(summary)
        .setRetryOptions(SYNC_RETRY)
        .setStartToCloseTimeout(Duration.ofDays(7))
        .setHeartbeatTimeout(DATA_HEARTBEAT_TIMEOUT)
        .build();
  }

  /**
   * The stop of an item's replication: its update completes at the next cycle boundary, once a
   * running cycle's shipment (bounded by {@link #shipment}) is done. The wait heartbeats, so a lost
   * worker is noticed within a minute and a cancelled failover stops waiting.
   */
  public static ActivityOptions replicationStop(String summary) {
    return withSummary(summary)
        .setStartToCloseTimeout(Duration.ofHours(2))
        .setScheduleToCloseTimeout(Duration.ofHours(4))
        .setHeartbeatTimeout(Duration.ofMinutes(1))
        .build();
  }

  /**
   * What every activity shares. A cancelled job waits for the activity to acknowledge, so that it
   * stops at a safe point rather than being abandoned mid-step.
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
