package dev.reprotect.azure;

/**
 * A long-running operation the backend accepted (ARM's 202): {@code id} is what its status is
 * polled by, small enough for an activity's heartbeat, so a retry finds the operation again. {@code
 * null} stands for an operation that ended when it was accepted (nothing was left to do).
 */
public record LongOperation(String id) {
  public static LongOperation ended() {
    return new LongOperation(null);
  }

  public boolean endedWhenAccepted() {
    return id == null;
  }

  /** Where a long-running operation is, as its poller sees it. */
  public enum State {
    Running,
    Succeeded,
    /** The backend no longer knows it (it restarted): begin it again, every one is idempotent. */
    Forgotten
  }
}
