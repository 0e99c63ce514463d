package dev.reprotect.activities.replication;

import io.temporal.activity.ActivityExecutionContext;
import io.temporal.client.ActivityCompletionException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the disks of a cut at once, on threads of the attempt's own, while the activity's thread
 * heartbeats their progress. The first failure of a disk stops the others and is thrown as itself;
 * a refused heartbeat (the attempt was cancelled or timed out) stops them all and is thrown; either
 * way no thread of the shipment runs on once it returns.
 */
final class ParallelShipment {
  /** Ships one disk on its thread, its ranges on {@code lanes}; returns it verified. */
  interface Disk {
    DiskProgress ship(ShipmentLedger ledger, ExecutorService lanes);
  }

  private ParallelShipment() {}

  /**
   * Ships {@code disks}, reporting to {@code ledger}, and heartbeats the ledger's progress from
   * this thread, the activity's, whenever a disk reports (the SDK throttles what it sends) and at
   * least once per {@code budget}; returns the progress once all disks are verified.
   */
  static ShipmentProgress run(
      ActivityExecutionContext context,
      ShipmentLedger ledger,
      List<Disk> disks,
      Duration budget,
      String threadName) {
    int diskThreads = Math.max(1, Math.min(disks.size(), ShipmentConcurrency.DISKS_AT_ONCE));
    ExecutorService diskPool =
        Executors.newFixedThreadPool(diskThreads, named(threadName + "-disk"));
    ExecutorService lanes =
        Executors.newFixedThreadPool(
            diskThreads * ShipmentConcurrency.RANGES_IN_FLIGHT, named(threadName + "-range"));
    try {
      for (Disk disk : disks) {
        diskPool.execute(
            () -> {
              try {
                ledger.update(disk.ship(ledger, lanes));
                ledger.diskShipped();
              } catch (Throwable failure) {
                ledger.failed(failure);
              }
            });
      }
      while (ledger.failure() == null && ledger.disksShipped() < disks.size()) {
        ledger.awaitNews(budget);
        context.heartbeat(ledger.snapshot());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the disks shipped", e);
    } finally {
      ledger.stop();
      diskPool.shutdownNow();
      lanes.shutdownNow();
      awaitTermination(diskPool, budget);
      awaitTermination(lanes, budget);
    }
    Throwable failure = ledger.failure();
    if (failure != null) {
      try {
        // Where each disk stopped, for the retry: the SDK sends it with the failure.
        context.heartbeat(ledger.snapshot());
      } catch (ActivityCompletionException refused) {
        // The attempt ends with its own failure either way.
      }
      throw rethrown(failure);
    }
    return ledger.snapshot();
  }

  /**
   * Waits until the pool's threads have ended: a call in flight finishes (the backend cannot be
   * interrupted half way through a request), then the thread stops at its next checkpoint.
   */
  private static void awaitTermination(ExecutorService pool, Duration budget) {
    boolean interrupted = false;
    while (!pool.isTerminated()) {
      try {
        pool.awaitTermination(budget.toNanos(), TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private static RuntimeException rethrown(Throwable failure) {
    if (failure instanceof Error error) {
      throw error;
    }
    return failure instanceof RuntimeException runtime
        ? runtime
        : new IllegalStateException(failure);
  }

  private static ThreadFactory named(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return task -> {
      Thread thread = new Thread(task, prefix + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
