package dev.reprotect.activities;

import dev.reprotect.azure.AzureErrorCode;
import dev.reprotect.azure.AzureException;
import io.temporal.failure.ApplicationFailure;
import java.util.function.Supplier;

/**
 * The one place where backend errors and refusals become Temporal failures. Transient errors stay
 * retryable, so the activity's retry policy rides them out; the rest fail at once. The type of a
 * failure is its error code.
 */
public final class AzureFailures {
  private AzureFailures() {}

  /** Runs an activity's body, translating what it throws; {@code targetRegion} names outages. */
  public static <T> T translated(String targetRegion, Supplier<T> body) {
    try {
      return body.get();
    } catch (ReprotectRefusal refusal) {
      throw ApplicationFailure.newNonRetryableFailure(
          refusal.getMessage(), refusal.code().name());
    } catch (AzureException e) {
      throw toFailure(e, targetRegion);
    }
  }

  public static void translated(String targetRegion, Runnable body) {
    translated(targetRegion, () -> {
      body.run();
      return null;
    });
  }

  static ApplicationFailure toFailure(AzureException e, String targetRegion) {
    String type = e.code().name();
    if (e.code() == AzureErrorCode.RegionUnavailable && e.region() != null
        && e.region().equals(targetRegion)) {
      type = ReprotectErrorCode.TargetRegionUnavailable.name();
    } else if (e.code() == AzureErrorCode.OperationInProgress) {
      type = ReprotectErrorCode.OperationInProgress.name();
    }
    return e.isTransient()
        ? ApplicationFailure.newFailure(e.getMessage(), type)
        : ApplicationFailure.newNonRetryableFailure(e.getMessage(), type);
  }
}
