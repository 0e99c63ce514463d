package dev.reprotect.activities;

/**
 * Start delta replication of a reprotected item, as the operation that holds it. The first recovery
 * point is {@code firstPointId}, of the replicas as they hold cut {@code cutId}; both are null in
 * jobs started before cuts existed, whose point id derives from the operation.
 */
public record StartReplication(
    ItemOperation operation, ProtectionPlan plan, String firstPointId, String cutId) {}
