package dev.reprotect.activities.replication;

/**
 * Take cut {@code cutId} of the item's VM: a snapshot of each of its disks while its guest agent
 * holds the VM's writes. With {@code appConsistent} the guest is asked to quiesce too.
 */
public record TakeCut(String vault, String vm, String cutId, boolean appConsistent) {}
