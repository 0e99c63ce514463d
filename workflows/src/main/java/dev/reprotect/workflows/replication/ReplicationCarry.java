package dev.reprotect.workflows.replication;

import dev.reprotect.azure.ScrubRecord;
import java.time.Instant;
import java.util.List;

/**
 * What a run hands to the next one on continue-as-new, besides the input's points and cut. {@code
 * catchUp}: the last cycle completed the cut of an earlier one, so the next cycle starts at once
 * instead of at the next 5-minute mark. {@code lastScrub}: the item's last scrub as the last cycle
 * read it, so that the next run's health knows it before its first cycle.
 */
public record ReplicationCarry(
    long cyclesRun,
    Instant lastAppConsistentTime,
    InFlightCut inFlight,
    List<String> cutsToDelete,
    List<ReplicationCycle> recentCycles,
    ReplicationError lastError,
    boolean catchUp,
    ScrubRecord lastScrub) {
  public ReplicationCarry {
    cutsToDelete = List.copyOf(cutsToDelete);
    recentCycles = List.copyOf(recentCycles);
  }
}
