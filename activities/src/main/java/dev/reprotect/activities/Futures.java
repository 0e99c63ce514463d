package dev.reprotect.activities;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** Waiting on work handed to another thread. */
public final class Futures {
  private Futures() {}

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
