package dev.reprotect.activities;

/** The initial sync of one disk from the source region to its replica in the target region. */
public record DiskSyncInput(
    String vault, String vm, String sourceRegion, String targetRegion, PlannedDisk disk) {}
