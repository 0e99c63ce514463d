package dev.reprotect.workflows;

import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TimeoutFailure;

/** The stable code and the message of a failure, as the job and the replication report it. */
public record FailureCode(String code, String message) {
  public static FailureCode of(Throwable failure) {
    if (failure instanceof ApplicationFailure application) {
      return new FailureCode(application.getType(), application.getOriginalMessage());
    }
    if (failure instanceof TimeoutFailure timeout) {
      // A step that gave up when its bound ran out: its last attempt's failure says why, and
      // its code is the one a script expects (TargetRegionUnavailable, say), not "Timeout".
      if (timeout.getCause() instanceof ApplicationFailure last) {
        return new FailureCode(
            last.getType(),
            last.getOriginalMessage() + " (the step gave up: " + timeout.getTimeoutType() + ")");
      }
      return new FailureCode("Timeout", "a step timed out (" + timeout.getTimeoutType() + ")");
    }
    return new FailureCode(failure.getClass().getSimpleName(), failure.getMessage());
  }
}
