package dev.reprotect.azure;

import java.time.Instant;
import java.util.Objects;

/**
 * The operation running on an item, its claim: the id is the operation's business key (its workflow
 * id) and {@code runId} the run of that workflow that made the claim (null in a claim recorded
 * before runs were).
 */
public record RunningOperation(String type, String id, String runId, Instant startedAt) {
  /** Whether {@code other} is this claim: the same workflow run, whenever it was made. */
  public boolean isSameRun(RunningOperation other) {
    return other != null && id.equals(other.id()) && Objects.equals(runId, other.runId());
  }

  @Override
  public String toString() {
    return type + " operation " + id + (runId == null ? "" : " (run " + runId + ")");
  }
}
