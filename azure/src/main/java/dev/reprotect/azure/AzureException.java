package dev.reprotect.azure;

import java.time.Duration;
import java.util.Optional;

/**
 * A failed backend request: its ARM-style code, the region it concerned when there is one, and how
 * long the backend asked the caller to wait before a retry ({@code Retry-After}) when it did.
 */
public class AzureException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final AzureErrorCode code;
  private final String region;
  private final Duration retryAfter;

  public AzureException(AzureErrorCode code, String message) {
    this(code, message, null);
  }

  public AzureException(AzureErrorCode code, String message, String region) {
    this(code, message, region, null);
  }

  public AzureException(AzureErrorCode code, String message, String region, Duration retryAfter) {
    super(message);
    this.code = code;
    this.region = region;
    this.retryAfter = retryAfter;
  }

  /** The same failure, with the wait the backend asked for before a retry. */
  public AzureException withRetryAfter(Duration wait) {
    AzureException copy = new AzureException(code, getMessage(), region, wait);
    copy.setStackTrace(getStackTrace());
    return copy;
  }

  /** The wait the backend asked for before a retry (HTTP {@code Retry-After}), if it asked. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  public AzureErrorCode code() {
    return code;
  }

  /** The region the failure concerns, or null. */
  public String region() {
    return region;
  }

  public boolean isTransient() {
    return code.isTransient();
  }

  public static AzureException notFound(String what) {
    return new AzureException(AzureErrorCode.ResourceNotFound, what + " was not found");
  }

  public static AzureException regionUnavailable(String region) {
    return new AzureException(
        AzureErrorCode.RegionUnavailable, "region " + region + " is unavailable", region);
  }
}
