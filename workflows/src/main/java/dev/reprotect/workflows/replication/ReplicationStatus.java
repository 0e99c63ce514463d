package dev.reprotect.workflows.replication;

import java.util.List;

/**
 * The replication of an item as the {@code status} query and the workflow's result show it.
 * {@code rpoSeconds} is null while the item has no recovery point.
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
    long cyclesRun) {}
