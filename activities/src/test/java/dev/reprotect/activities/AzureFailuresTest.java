package dev.reprotect.activities;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reprotect.azure.AzureErrorCode;
import dev.reprotect.azure.AzureException;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Backend errors as Temporal failures: what is retried, and how soon. */
class AzureFailuresTest {
  @Test
  void aThrottleWithRetryAfterAsksTemporalToWaitThatLong() {
    ApplicationFailure failure =
        AzureFailures.toFailure(
            new AzureException(
                AzureErrorCode.TooManyRequests, "slow down", null, Duration.ofSeconds(3)),
            "eastasia");

    assertThat(failure.isNonRetryable()).isFalse();
    assertThat(failure.getType()).isEqualTo("TooManyRequests");
    assertThat(failure.getNextRetryDelay()).isEqualTo(Duration.ofSeconds(3));
  }

  @Test
  void withoutRetryAfterOrWithAZeroOneTheRetryPolicyDecides() {
    assertThat(
            AzureFailures.toFailure(
                    new AzureException(AzureErrorCode.InternalServerError, "oops"), "eastasia")
                .getNextRetryDelay())
        .isNull();
    assertThat(
            AzureFailures.toFailure(
                    new AzureException(AzureErrorCode.TooManyRequests, "oops", null, Duration.ZERO),
                    "eastasia")
                .getNextRetryDelay())
        .isNull();
  }

  @Test
  void anOutageOfTheTargetRegionIsRetriedAsTargetRegionUnavailable() {
    ApplicationFailure failure =
        AzureFailures.toFailure(
            AzureException.regionUnavailable("eastasia").withRetryAfter(Duration.ofSeconds(2)),
            "eastasia");

    assertThat(failure.isNonRetryable()).isFalse();
    assertThat(failure.getType()).isEqualTo("TargetRegionUnavailable");
    assertThat(failure.getNextRetryDelay()).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void aBusinessErrorIsNotRetriedWhateverItsRetryAfter() {
    ApplicationFailure failure =
        AzureFailures.toFailure(
            new AzureException(AzureErrorCode.Conflict, "immutable", null, Duration.ofSeconds(5)),
            "eastasia");

    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getNextRetryDelay()).isNull();
  }

  @Test
  void thePolicysBackoffGrowsExponentiallyUpToItsMaximum() {
    RetryOptions retry =
        RetryOptions.newBuilder()
            .setInitialInterval(Duration.ofSeconds(1))
            .setBackoffCoefficient(2)
            .setMaximumInterval(Duration.ofMinutes(1))
            .build();

    assertThat(AzureFailures.backoff(retry, 1)).isEqualTo(Duration.ofSeconds(1));
    assertThat(AzureFailures.backoff(retry, 3)).isEqualTo(Duration.ofSeconds(4));
    assertThat(AzureFailures.backoff(retry, 10)).isEqualTo(Duration.ofMinutes(1));
  }
}
