package dev.reprotect.azure.sim;

import dev.reprotect.azure.ActivityLogEntry;
import dev.reprotect.azure.Caller;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** The log of every mutating operation the simulator applied. */
final class ActivityLog {
  private final Clock clock;
  private final Journal journal;
  private final List<ActivityLogEntry> entries = new ArrayList<>();

  ActivityLog(Clock clock, Journal journal) {
    this.clock = clock;
    this.journal = journal;
  }

  synchronized void append(String operation, String resourceId, Caller caller) {
    ActivityLogEntry entry =
        new ActivityLogEntry(
            entries.size() + 1L, clock.instant(), operation, resourceId, caller.correlationId());
    entries.add(entry);
    journal.appendLog(entry);
  }

  /** Puts back an entry read from the journal. */
  synchronized void restore(ActivityLogEntry entry) {
    entries.add(entry);
  }

  synchronized List<ActivityLogEntry> entries() {
    return List.copyOf(entries);
  }
}
