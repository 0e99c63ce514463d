package dev.reprotect.activities.replication;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * What the threads shipping a cut's disks share with the activity's thread: each disk's progress
 * (what the activity heartbeats), the first failure, and whether the shipment was stopped. The
 * threads report here and never heartbeat themselves: the activity's thread does, so that the SDK's
 * throttling sees one caller and a cancellation surfaces where the activity can stop them.
 */
final class ShipmentLedger {
  private final Map<String, DiskProgress> disks = new LinkedHashMap<>();

  /** A permit per report since the activity's thread last looked: its wake-up call. */
  private final Semaphore news = new Semaphore(0);

  private Throwable firstFailure;
  private int disksShipped;
  private volatile boolean stopped;

  /** The ledger of a shipment resumed from {@code resumed}, for the disks of {@code slots}. */
  ShipmentLedger(ShipmentProgress resumed, List<String> slots) {
    slots.forEach(slot -> disks.put(slot, resumed.of(slot)));
  }

  synchronized DiskProgress disk(String slot) {
    return disks.get(slot);
  }

  /** A disk reached a new safe point, or moved more. */
  void update(DiskProgress progress) {
    synchronized (this) {
      disks.put(progress.slot(), progress);
    }
    news.release();
  }

  /** A disk was shipped and verified. */
  void diskShipped() {
    synchronized (this) {
      disksShipped++;
    }
    news.release();
  }

  synchronized int disksShipped() {
    return disksShipped;
  }

  /** The first failure of a disk stops the shipment; later ones are its consequences. */
  void failed(Throwable failure) {
    synchronized (this) {
      if (firstFailure == null && !stopped) {
        firstFailure = failure;
      }
    }
    stop();
  }

  synchronized Throwable failure() {
    return firstFailure;
  }

  void stop() {
    stopped = true;
    news.release();
  }

  /** Where a disk's thread may stop: it throws once the shipment was stopped. */
  void checkpoint() {
    if (stopped) {
      throw new CancellationException("the shipment stopped");
    }
  }

  /** Waits until a disk reports, or {@code timeout} passes. */
  void awaitNews(Duration timeout) throws InterruptedException {
    if (news.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
      news.drainPermits();
    }
  }

  synchronized ShipmentProgress snapshot() {
    return new ShipmentProgress(new ArrayList<>(disks.values()));
  }
}
