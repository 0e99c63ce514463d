package dev.reprotect.activities.replication;

import dev.reprotect.azure.RecoveryPointType;

/** Record recovery point {@code pointId} of the replicas as they hold cut {@code cutId}. */
public record CreateRecoveryPoint(
    String vault, String vm, String pointId, RecoveryPointType kind, String cutId) {}
