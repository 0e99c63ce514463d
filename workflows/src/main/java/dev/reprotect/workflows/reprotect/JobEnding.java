package dev.reprotect.workflows.reprotect;

import dev.reprotect.workflows.FailureCode;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.TemporalFailure;
import java.util.function.Supplier;

/**
 * How every job (a reprotect, a failover) ends after a failure or a cancellation: the job records
 * its outcome, and the workflow fails with the error code as the failure's type and the job in
 * its details, or with the cancellation itself.
 */
public final class JobEnding {
  /** The job's own record of its end. */
  public interface Job {
    void end(JobState outcome, String code, String message);
  }

  private JobEnding() {}

  /**
   * Ends {@code job} and returns what the workflow throws; {@code unreleased} says why the item
   * is still claimed, or is null; {@code cancelled} is the line a cancelled job ends with.
   */
  public static RuntimeException withFailure(TemporalFailure failure, String unreleased,
      String cancelled, Job job, Supplier<Object> details) {
    Throwable cause = failure instanceof ActivityFailure ? failure.getCause() : failure;
    if (cause instanceof CanceledFailure canceled) {
      job.end(JobState.Cancelled, "Cancelled", unreleased != null
          ? "The job was cancelled; " + unreleased : cancelled);
      return canceled;
    }
    FailureCode code = FailureCode.of(cause);
    job.end(JobState.Failed, code.code(),
        unreleased == null ? code.message() : code.message() + ". " + unreleased);
    return ApplicationFailure.newNonRetryableFailureWithCause(
        code.message(), code.code(), failure, details.get());
  }
}
