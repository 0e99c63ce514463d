package dev.reprotect.activities.replication;

import dev.reprotect.azure.BlobRef;

/**
 * A disk now replicated: its slot and name, its replica, the cut the replica holds, and its
 * checksum as storage recorded it on both sides (equal).
 */
public record ReplicaAdded(
    String slot, String diskName, BlobRef replica, String cutId, String checksum) {}
