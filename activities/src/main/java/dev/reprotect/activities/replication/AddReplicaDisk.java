package dev.reprotect.activities.replication;

/**
 * Protect disk {@code diskName} of the item's VM, attached after its protection: a replica of it as
 * the replicas' base cut {@code baseCutId} holds it, so that the next cycle ships its changes since
 * that cut as it does every other disk's.
 */
public record AddReplicaDisk(String vault, String vm, String diskName, String baseCutId) {}
