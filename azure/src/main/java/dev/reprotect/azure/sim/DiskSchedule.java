package dev.reprotect.azure.sim;

import java.util.HashMap;
import java.util.Map;

/**
 * One virtual clock per blob: the simulated time until which its disk is busy. Azure caps a disk's
 * reads and writes together, so a second request of the same blob waits for the first, while
 * requests of other blobs proceed in parallel.
 */
final class DiskSchedule {
  private final Map<String, Long> busyUntil = new HashMap<>();

  /**
   * Books {@code nanos} of the blob's disk from simulated time {@code now}, after what it has
   * booked already; returns how long the caller waits until its request is done.
   */
  synchronized long book(String blobKey, long now, long nanos) {
    long start = Math.max(now, busyUntil.getOrDefault(blobKey, now));
    busyUntil.put(blobKey, start + nanos);
    return start + nanos - now;
  }
}
