package dev.reprotect.activities.replication;

/**
 * Take cut {@code cutId} of the item's VM: one atomic snapshot of all its disks. With
 * {@code appConsistent} the guest is asked to quiesce first.
 */
public record TakeCut(String vault, String vm, String cutId, boolean appConsistent) {}
