package dev.reprotect.workflows.replication;

import java.time.Instant;

/**
 * One cycle as it ended. {@code pointId} is the recovery point it made (null when none); a failed
 * cycle may still have made one (a clean-up after it failed). {@code errorCode} is the code of a
 * failed cycle's error (such as {@code GuestAgentUnresponsive}: no cut this cycle); {@code note}
 * says what a cycle that made a point should be known for (an app-consistent point that the guest
 * did not acknowledge, so crash-consistent; a change of the VM's disks). {@code warningCode} is the
 * stable code of a cycle that succeeded with something to act on ({@code DiskSetChanged}), which
 * makes the health Warning. All three are null in cycles recorded before they were.
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
    String error,
    String errorCode,
    String note,
    String warningCode) {
  /** A disk attached to the VM after its protection, or detached: see the cycle's note. */
  public static final String DISK_SET_CHANGED = "DiskSetChanged";
}
