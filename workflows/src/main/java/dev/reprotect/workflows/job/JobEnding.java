package dev.reprotect.workflows.job;

import dev.reprotect.workflows.FailureCode;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.TemporalFailure;

/**
 * How every job ends after a failure or a cancellation: the job records its outcome, and the
 * workflow fails with the error code as the failure's type and the job in its details, or with the
 * cancellation itself.
 */
final class JobEnding {
  private JobEnding() {}

  /**
   * Ends {@code job} and returns what the workflow throws; {@code left} says how the job left the
   * item when its release did not go as usual (why it is still claimed, or how it was returned), or
   * is null; {@code cancelled} is the line a cancelled job ends with otherwise.
   */
  static RuntimeException withFailure(
      TemporalFailure failure, String left, String cancelled, JobTracker<?, ?> job) {
    Throwable cause = failure instanceof ActivityFailure ? failure.getCause() : failure;
    if (cause instanceof CanceledFailure canceled) {
      job.end(
          JobState.Cancelled,
          "Cancelled",
          left != null ? "The job was cancelled; " + left : cancelled);
      return canceled;
    }
    FailureCode code = FailureCode.of(cause);
    job.end(
        JobState.Failed, code.code(), left == null ? code.message() : code.message() + ". " + left);
    return ApplicationFailure.newNonRetryableFailureWithCause(
        code.message(), code.code(), failure, job.snapshot());
  }
}
