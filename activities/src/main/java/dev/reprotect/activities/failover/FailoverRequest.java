package dev.reprotect.activities.failover;

import dev.reprotect.azure.ItemLifecycle;

/**
 * A failover of one item ({@code operation} Failover), a change of its point before commit
 * (ChangeRecoveryPoint) or its commit (CommitFailover). {@code point} is a {@link PointSelector}:
 * {@code latest}, {@code latest-processed}, {@code latest-app-consistent} or a point id; {@code
 * shutdownSource} turns the source VM off first (a failover only).
 */
public record FailoverRequest(
    String vault, String vm, ItemLifecycle operation, String point, boolean shutdownSource) {
  public static FailoverRequest failover(
      String vault, String vm, String point, boolean shutdownSource) {
    return new FailoverRequest(vault, vm, ItemLifecycle.Failover, point, shutdownSource);
  }

  public static FailoverRequest changePoint(String vault, String vm, String pointId) {
    return new FailoverRequest(vault, vm, ItemLifecycle.ChangeRecoveryPoint, pointId, false);
  }

  public static FailoverRequest commit(String vault, String vm) {
    return new FailoverRequest(vault, vm, ItemLifecycle.CommitFailover, null, false);
  }

  /** A test failover to {@code point} (for a drill, {@code latest} is the newest point). */
  public static FailoverRequest testFailover(String vault, String vm, String point) {
    return new FailoverRequest(vault, vm, ItemLifecycle.TestFailover, point, false);
  }

  public static FailoverRequest testFailoverCleanup(String vault, String vm) {
    return new FailoverRequest(vault, vm, ItemLifecycle.TestFailoverCleanup, null, false);
  }
}
