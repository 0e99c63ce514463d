package dev.reprotect.workflows.replication;

import java.time.Instant;

/**
 * One cycle as it ended. {@code pointId} is the recovery point it made (null when none); a
 * failed cycle may still have made one (a clean-up after it failed).
 */
public record ReplicationCycle(
    long number,
    Instant startTime,
    Instant endTime,
    boolean succeeded,
    String cutId,
    String pointId,
    long blocksChanged,
    long bytesStaged,
    long bytesShipped,
    long blocksRepaired,
    int pointsPruned,
    String error) {}
