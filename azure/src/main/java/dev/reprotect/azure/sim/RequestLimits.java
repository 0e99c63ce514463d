package dev.reprotect.azure.sim;

import dev.reprotect.azure.AzureErrorCode;
import dev.reprotect.azure.AzureException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * ARM's request limits of the subscription (the simulator has one): a token bucket per kind of
 * request, refilled in simulated time. A request finding its bucket empty is refused with 429
 * {@code TooManyRequests} and a {@code Retry-After} of the time until a token is back, scaled.
 */
final class RequestLimits {
  /** A bucket's size and how many tokens come back per simulated second. */
  record Limit(int capacity, double refillPerSecond) {}

  /** Azure Resource Manager's figures per subscription and principal. */
  static final Map<RequestKind, Limit> AZURE =
      Map.of(
          RequestKind.READ, new Limit(250, 25),
          RequestKind.WRITE, new Limit(200, 10),
          RequestKind.DELETE, new Limit(200, 10));

  private static final class Bucket {
    final Limit limit;
    double tokens;
    long refilledAt;

    Bucket(Limit limit, long now) {
      this.limit = limit;
      this.tokens = limit.capacity();
      this.refilledAt = now;
    }
  }

  private final Map<RequestKind, Bucket> buckets = new EnumMap<>(RequestKind.class);

  /**
   * Takes a token for a request of {@code kind} at simulated time {@code now} (nanoseconds), or
   * refuses it, the wait scaled by {@code model}.
   */
  synchronized void take(RequestKind kind, long now, LatencyModel model) {
    Limit limit = AZURE.get(kind);
    if (limit == null) {
      return;
    }
    Bucket bucket = buckets.computeIfAbsent(kind, k -> new Bucket(limit, now));
    if (now > bucket.refilledAt) {
      bucket.tokens =
          Math.min(
              limit.capacity(),
              bucket.tokens + (now - bucket.refilledAt) / 1e9 * limit.refillPerSecond());
      bucket.refilledAt = now;
    }
    if (bucket.tokens >= 1) {
      bucket.tokens--;
      return;
    }
    Duration wait =
        Duration.ofNanos((long) Math.ceil((1 - bucket.tokens) / limit.refillPerSecond() * 1e9));
    throw new AzureException(
        AzureErrorCode.TooManyRequests,
        "the subscription's "
            + kind.name().toLowerCase()
            + " requests are over ARM's limit of "
            + limit.capacity()
            + " refilled at "
            + limit.refillPerSecond()
            + "/s; retry after "
            + wait.toMillis()
            + " ms of simulated time",
        null,
        model.scaled(wait));
  }
}
