package dev.reprotect.azure.sim;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The guests asked to pause their writes for an app-consistent cut, by VM key. A pause ends when
 * the cut is taken, or after {@link #LONGEST} of real time: a cut that never comes (its caller
 * died) must not freeze the guest, and the guard is not part of the simulated timing.
 */
final class Quiesces {
  static final Duration LONGEST = Duration.ofSeconds(30);

  private final Map<String, Long> deadlines = new ConcurrentHashMap<>();

  void hold(String vmKey) {
    deadlines.put(vmKey, System.nanoTime() + LONGEST.toNanos());
  }

  void release(String vmKey) {
    deadlines.remove(vmKey);
  }

  boolean held(String vmKey) {
    Long deadline = deadlines.get(vmKey);
    if (deadline == null) {
      return false;
    }
    if (System.nanoTime() - deadline >= 0) {
      deadlines.remove(vmKey, deadline);
      return false;
    }
    return true;
  }
}
