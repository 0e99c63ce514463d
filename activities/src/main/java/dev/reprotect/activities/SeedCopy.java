package dev.reprotect.activities;

/**
 * One disk of the stale target VM to copy into its seed blob; {@code targetRegion} names outages.
 */
public record SeedCopy(String targetRegion, PlannedDisk disk) {}
