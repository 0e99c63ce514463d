package dev.reprotect.azure.sim;

import dev.reprotect.azure.ActivityLogEntry;
import dev.reprotect.azure.Caller;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** The log of every mutating operation the simulator applied. */
final class ActivityLog {
  private final Clock clock;
  private final List<ActivityLogEntry> entries = new ArrayList<>();

  ActivityLog(Clock clock) {
    this.clock = clock;
  }

  synchronized void append(String operation, String resourceId, Caller caller) {
    entries.add(new ActivityLogEntry(
        entries.size() + 1L, clock.instant(), operation, resourceId, caller.correlationId()));
  }

  synchronized List<ActivityLogEntry> entries() {
    return List.copyOf(entries);
  }
}
