package dev.reprotect.activities;

import dev.reprotect.azure.AzureErrorCode;
import dev.reprotect.azure.AzureException;
import dev.reprotect.azure.LongOperation;
import dev.reprotect.azure.LongOperationsApi;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.client.ActivityCanceledException;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Waits, inside an activity, for a long-running operation of the backend: it polls, and heartbeats
 * the operation's id between two polls, so a worker that dies is noticed within the heartbeat
 * timeout and the retry finds the operation again instead of beginning a second one (it begins it
 * again only when the backend forgot it, which is harmless: every long operation is idempotent). A
 * cancellation is acknowledged once the operation ended, never half-way through a deletion or a
 * copy. A heartbeat the service refuses for any other reason (the activity timed out and was
 * retried elsewhere, its workflow ended, the worker is shutting down) ends the wait at once: the
 * operation goes on in the backend, and no one is left to tell.
 */
public final class LongOperationWait {
  /** The first pause is short: in the simulator at full speed an operation ends at once. */
  static final Duration FIRST_PAUSE = Duration.ofMillis(1);

  /** Well under any heartbeat timeout, and as often as ARM's operations are polled. */
  static final Duration LONGEST_PAUSE = Duration.ofSeconds(5);

  private LongOperationWait() {}

  /**
   * The heartbeat: the operation and what it acts on, so that an activity that runs several (one
   * copy per disk of a job recorded before the per-disk copies) resumes the right one.
   */
  public record Heartbeat(String subject, LongOperation operation) {}

  /** Begins the operation on {@code subject} (or finds it again) and waits for its end. */
  public static void awaitEnd(
      LongOperationsApi operations, String subject, Supplier<LongOperation> begin) {
    ActivityExecutionContext activity = Activity.getExecutionContext();
    LongOperation operation =
        activity
            .getHeartbeatDetails(Heartbeat.class)
            .filter(resumed -> resumed.subject().equals(subject))
            .map(Heartbeat::operation)
            .filter(resumed -> operations.state(resumed) != LongOperation.State.Forgotten)
            .orElseGet(begin);
    ActivityCanceledException stopped = null;
    Duration pause = FIRST_PAUSE;
    while (true) {
      switch (operations.state(operation)) {
        case Succeeded -> {
          if (stopped != null) {
            throw stopped;
          }
          return;
        }
        case Forgotten ->
            throw new AzureException(
                AzureErrorCode.InternalServerError,
                "the backend forgot operation " + operation.id() + " (it restarted); retry it");
        case Running -> {
          if (stopped == null) {
            try {
              activity.heartbeat(new Heartbeat(subject, operation));
            } catch (ActivityCanceledException cancelled) {
              stopped = cancelled;
            }
          }
        }
      }
      sleep(pause);
      pause =
          pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0
              ? LONGEST_PAUSE
              : pause.multipliedBy(2);
    }
  }

  private static void sleep(Duration pause) {
    try {
      Thread.sleep(pause.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AzureException(
          AzureErrorCode.InternalServerError,
          "interrupted while waiting for a long-running operation");
    }
  }
}
