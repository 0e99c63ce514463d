package dev.reprotect.activities.replication;

/** How much of a cut's shipment runs at once (the fleet's RPO model follows these figures). */
public final class ShipmentConcurrency {
  /**
   * The disks shipped at once. A VM has up to 64 data disks; each shipping disk holds a thread and
   * {@link #RANGES_IN_FLIGHT} calls in flight, so a bound keeps one shipment from taking a worker's
   * threads, and the disks beyond it wait for one to finish.
   */
  public static final int DISKS_AT_ONCE = 8;

  /**
   * The ranges of one disk in flight at once. Each range costs two transfer calls of about 200 ms
   * each before its bytes move, and Azure's storage serves concurrent requests on one blob, so with
   * four in flight the calls' latency overlaps the bytes of the others; the bytes of one blob share
   * its one throughput whatever the number of calls, so more in flight would only queue on it (and
   * hold more ranges to resend after a crash).
   */
  public static final int RANGES_IN_FLIGHT = 4;

  private ShipmentConcurrency() {}
}
