package dev.reprotect.activities.replication;

/**
 * Bring the replicas from cut {@code baseCutId} (what they hold) to cut {@code cutId}. A null base
 * means the replicas hold no known cut: every allocated block is shipped.
 */
public record ShipCut(String vault, String vm, String baseCutId, String cutId) {}
