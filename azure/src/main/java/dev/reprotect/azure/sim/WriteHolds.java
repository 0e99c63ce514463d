package dev.reprotect.azure.sim;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The holds of the guests' writes in effect, by VM key: at most one per VM. A hold ends when
 * released, or when its limit passes, in real time: the limit guards the guest against a caller
 * that died, and is not part of the simulated timing. The agents' records of their holds live in
 * the world's table; this is what the guests see.
 */
final class WriteHolds {
  /** The agent's own cap on any hold, whatever the caller asks for. */
  static final Duration LONGEST = Duration.ofSeconds(60);

  private record InEffect(String holdId, long deadline) {}

  private final Map<String, InEffect> holds = new HashMap<>();

  synchronized void hold(String vmKey, String holdId, Duration limit) {
    Duration capped = limit.compareTo(LONGEST) > 0 ? LONGEST : limit;
    holds.put(vmKey, new InEffect(holdId, System.nanoTime() + capped.toNanos()));
  }

  /** Ends the hold; true when it was still in effect, false when its limit passed first. */
  synchronized boolean release(String vmKey, String holdId) {
    InEffect hold = current(vmKey);
    if (hold == null || !hold.holdId.equals(holdId)) {
      return false;
    }
    holds.remove(vmKey);
    notifyAll();
    return true;
  }

  /** The id of the hold in effect on the VM, null when its writes flow. */
  synchronized String holdOf(String vmKey) {
    InEffect hold = current(vmKey);
    return hold == null ? null : hold.holdId;
  }

  /** Waits until no hold is in effect on the VM: its guest's next write may go. */
  synchronized void awaitRelease(String vmKey) {
    for (InEffect hold = current(vmKey); hold != null; hold = current(vmKey)) {
      long millis = Math.max(1, (hold.deadline - System.nanoTime()) / 1_000_000);
      try {
        wait(millis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private InEffect current(String vmKey) {
    InEffect hold = holds.get(vmKey);
    if (hold != null && System.nanoTime() - hold.deadline >= 0) {
      holds.remove(vmKey);
      return null;
    }
    return hold;
  }
}
