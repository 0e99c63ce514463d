package dev.reprotect.workflows.failover;

import dev.reprotect.azure.BlobRef;

/**
 * A disk of the failed-over VM: the checksum its point recorded when it was made, and the one read
 * from the disk's own bytes where it lives.
 */
public record FailedOverDisk(String slot, BlobRef disk, String pointChecksum, String checksum) {}
