package dev.reprotect.activities.data;

import dev.reprotect.activities.Futures;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The same read on a source and on its replica at once: each side reads its own disk in its own
 * region, so asking one after the other cost the sum of both, where at once it costs the slower one
 * (bench/RESULTS.md, items 2 and 5).
 */
public final class BothSides {
  /** What each side answered. */
  public record Answers<T>(T source, T replica) {}

  private BothSides() {}

  /** Runs both; a failure of either is thrown as itself, the source's first. */
  public static <T> Answers<T> atOnce(Supplier<T> sourceSide, Supplier<T> replicaSide) {
    CompletableFuture<T> replica = CompletableFuture.supplyAsync(replicaSide, ReadThreads.POOL);
    T source;
    try {
      source = sourceSide.get();
    } catch (RuntimeException e) {
      replica.cancel(false);
      throw e;
    }
    return new Answers<>(source, Futures.join(replica));
  }
}
