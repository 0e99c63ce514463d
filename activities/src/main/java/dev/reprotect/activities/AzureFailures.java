package dev.reprotect.activities;

import dev.reprotect.azure.AzureErrorCode;
import dev.reprotect.azure.AzureException;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityInfo;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
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
      throw ApplicationFailure.newNonRetryableFailure(refusal.getMessage(), refusal.code().name());
    } catch (AzureException e) {
      throw toFailure(e, targetRegion);
    }
  }

  public static void translated(String targetRegion, Runnable body) {
    translated(
        targetRegion,
        () -> {
          body.run();
          return null;
        });
  }

  static ApplicationFailure toFailure(AzureException e, String targetRegion) {
    String type = e.code().name();
    if (e.code() == AzureErrorCode.RegionUnavailable
        && e.region() != null
        && e.region().equals(targetRegion)) {
      type = ReprotectErrorCode.TargetRegionUnavailable.name();
    } else if (e.code() == AzureErrorCode.OperationInProgress) {
      type = ReprotectErrorCode.OperationInProgress.name();
    }
    if (!e.isTransient()) {
      return ApplicationFailure.newNonRetryableFailure(e.getMessage(), type);
    }
    ApplicationFailure failure = ApplicationFailure.newFailure(e.getMessage(), type);
    // The backend asked for a wait (Retry-After): the next attempt comes no sooner than that,
    // nor sooner than the retry policy's own backoff would bring it.
    e.retryAfter()
        .filter(wait -> !wait.isZero())
        .ifPresent(wait -> failure.setNextRetryDelay(max(wait, policyBackoff())));
    return failure;
  }

  /** The backoff the activity's retry policy gives its next attempt; zero outside an activity. */
  static Duration policyBackoff() {
    ActivityInfo info;
    try {
      info = Activity.getExecutionContext().getInfo();
    } catch (IllegalStateException | NullPointerException notInAnActivity) {
      return Duration.ZERO;
    }
    return backoff(info.getRetryOptions(), info.getAttempt());
  }

  /** Temporal's exponential backoff after attempt {@code attempt} (1-based), with its defaults. */
  static Duration backoff(RetryOptions retry, int attempt) {
    Duration initial =
        retry == null || retry.getInitialInterval() == null
            ? Duration.ofSeconds(1)
            : retry.getInitialInterval();
    double coefficient =
        retry == null || retry.getBackoffCoefficient() == 0 ? 2.0 : retry.getBackoffCoefficient();
    Duration maximum =
        retry == null || retry.getMaximumInterval() == null
            ? initial.multipliedBy(100)
            : retry.getMaximumInterval();
    double millis = initial.toMillis() * Math.pow(coefficient, Math.max(0, attempt - 1));
    return millis >= maximum.toMillis() ? maximum : Duration.ofMillis((long) millis);
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }
}
