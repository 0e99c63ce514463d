package dev.reprotect.activities.replication;

public record RecoveryPointTaken(String pointId) {}
