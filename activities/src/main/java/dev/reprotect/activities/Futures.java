package dev.reprotect.activities;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Waiting on work handed to another thread. */
public final class Futures {
  private Futures() {}

  /**
   * The value of a future that completes within {@code timeout} (a computation of a non-null
   * value), else empty; rethrows what its computation threw rather than a wrapper.
   */
  public static <T> Optional<T> within(CompletableFuture<T> future, Duration timeout) {
    try {
      return Optional.of(future.get(timeout.toNanos(), TimeUnit.NANOSECONDS));
    } catch (TimeoutException notYet) {
      return Optional.empty();
    } catch (ExecutionException failed) {
      if (failed.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw new IllegalStateException(failed.getCause());
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting", interrupted);
    }
  }

  /** Joins a future, rethrowing what its computation threw rather than a wrapper. */
  public static <T> T join(CompletableFuture<T> future) {
    try {
      return future.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw e;
    }
  }
}
