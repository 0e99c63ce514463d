package dev.reprotect.worker;

/**
 * How many activities one worker process runs at once on each of its task queues: the short steps
 * on the job's queue, the initial syncs (hours each) on the sync queue, the replication's shipments
 * (minutes each) on the shipment queue. Kept apart so that neither the syncs nor a fleet's
 * shipments can hold every slot while short steps wait behind them and time out.
 */
public record WorkerSizing(int stepSlots, int syncSlots, int shipmentSlots) {
  /** Short steps mostly wait on the backend; a slot is a thread, and cheap. */
  public static final int DEFAULT_STEP_SLOTS = 50;

  /** A sync reads, hashes and sends blocks: a few per core keep a worker's CPU and link busy. */
  public static final int DEFAULT_SYNC_SLOTS = 4;

  /**
   * A shipment is busy for about a fifth of its 5-minute cycle at steady churn (bench/RESULTS.md,
   * the fleet's RPO), so 20 slots carry about 100 protected VMs; each shipment runs up to 8 disk
   * and 32 range threads, mostly waiting on storage calls.
   */
  public static final int DEFAULT_SHIPMENT_SLOTS = 20;

  public WorkerSizing {
    if (stepSlots < 1 || syncSlots < 1 || shipmentSlots < 1) {
      throw new IllegalArgumentException(
          "a worker needs at least one step slot, one sync slot and one shipment slot");
    }
  }

  public static WorkerSizing defaults() {
    return new WorkerSizing(DEFAULT_STEP_SLOTS, DEFAULT_SYNC_SLOTS, DEFAULT_SHIPMENT_SLOTS);
  }
}
