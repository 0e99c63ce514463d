package dev.reprotect.activities;

/**
 * Delta replication runs: the item is protected, with its first recovery point, and replicates by
 * its policy (retention in days, app-consistent frequency in minutes, 0 for off).
 */
public record ReplicationStarted(
    String firstRecoveryPoint,
    int recoveryPoints,
    int retentionDays,
    int appConsistentFrequencyMinutes) {}
