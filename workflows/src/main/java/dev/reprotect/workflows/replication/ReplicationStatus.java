package dev.reprotect.workflows.replication;

import dev.reprotect.azure.ScrubRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The replication of an item as the {@code status} query and the workflow's result show it. {@code
 * rpoSeconds} is null while the item has no recovery point; {@code lastScrub} is the item's last
 * scrub as the last cycle read it (null when never, or not read yet).
 */
public record ReplicationStatus(
    String vault,
    String vm,
    ReplicationState state,
    Long rpoSeconds,
    ReplicationHealth health,
    ReplicationCycle lastCycle,
    List<ReplicationCycle> recentCycles,
    List<RecoveryPointInfo> points,
    ReplicationError lastError,
    long cyclesRun,
    ScrubRecord lastScrub) {

  /**
   * This status with its RPO and health as of {@code now}. A query answers with the clock of the
   * workflow's last task, which stands still while a shipment hangs or no worker runs: a reader
   * with a clock of its own (the CLI) sees the RPO keep growing.
   */
  public ReplicationStatus at(Instant now) {
    // A point made in this very second (by reprotect, whose clock is not truncated) is 0 s old.
    Duration rpo =
        newestPoint()
            .map(newest -> Duration.between(newest.time(), now))
            .map(age -> age.isNegative() ? Duration.ZERO : age)
            .orElse(null);
    return new ReplicationStatus(
        vault,
        vm,
        state,
        rpo == null ? null : rpo.toSeconds(),
        ReplicationHealthRule.health(
            rpo,
            lastCycle != null && (!lastCycle.succeeded() || lastCycle.warningCode() != null),
            lastScrub == null ? null : lastScrub.outcome()),
        lastCycle,
        recentCycles,
        points,
        lastError,
        cyclesRun,
        lastScrub);
  }

  public Optional<RecoveryPointInfo> newestPoint() {
    return points.stream().max(Comparator.comparing(RecoveryPointInfo::time));
  }
}
