package dev.reprotect.worker;

/**
 * How many activities one worker process runs at once on each of its task queues: the short
 * steps on the job's queue, the initial syncs (hours each) on the sync queue. Kept apart so that
 * syncs can never hold every slot while short steps wait behind them and time out.
 */
public record WorkerSizing(int stepSlots, int syncSlots) {
  /** Short steps mostly wait on the backend; a slot is a thread, and cheap. */
  public static final int DEFAULT_STEP_SLOTS = 50;
  /** A sync reads, hashes and sends blocks: a few per core keep a worker's CPU and link busy. */
  public static final int DEFAULT_SYNC_SLOTS = 4;

  public WorkerSizing {
    if (stepSlots < 1 || syncSlots < 1) {
      throw new IllegalArgumentException("a worker needs at least one step slot and one sync slot");
    }
  }

  public static WorkerSizing defaults() {
    return new WorkerSizing(DEFAULT_STEP_SLOTS, DEFAULT_SYNC_SLOTS);
  }
}
