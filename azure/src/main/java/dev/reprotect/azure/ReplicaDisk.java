package dev.reprotect.azure;

/** A disk replicated to the target side: the source disk's slot and the blob that mirrors it. */
public record ReplicaDisk(String slot, String sourceDisk, BlobRef replica) {}
