package dev.reprotect.activities.failover;

import dev.reprotect.azure.BlobRef;

/** A disk created from a point, and its checksum read from its bytes where it lives. */
public record CreatedDisk(String slot, BlobRef blob, String checksum) {}
