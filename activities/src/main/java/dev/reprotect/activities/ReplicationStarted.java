package dev.reprotect.activities;

/** Delta replication runs: the item is protected, with its first recovery point. */
public record ReplicationStarted(String firstRecoveryPoint, int recoveryPoints) {}
