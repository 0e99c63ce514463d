package dev.reprotect.workflows.replication;

import java.time.Instant;

/**
 * A cut taken but not yet a recovery point. A failed cycle leaves it for the next one, which
 * resumes it where it stopped: a partly shipped cut must be shipped again against the same base (a
 * different cut would skip blocks the partial shipment changed), and a shipped one already is the
 * replicas' base. {@code quiesceUnacknowledged}: it was to be app-consistent, but the guest did not
 * acknowledge the quiesce (false in runs recorded before it was reported).
 */
public record InFlightCut(
    long number,
    String cutId,
    Instant time,
    boolean appConsistent,
    boolean shipped,
    boolean quiesceUnacknowledged) {
  InFlightCut asShipped() {
    return new InFlightCut(number, cutId, time, appConsistent, true, quiesceUnacknowledged);
  }
}
