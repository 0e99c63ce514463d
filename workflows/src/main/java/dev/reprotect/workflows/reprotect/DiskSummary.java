package dev.reprotect.workflows.reprotect;

/**
 * A disk in the summary. {@code bytesTransferred} is what the backend metered across regions for
 * it during the sync, hash lists included; {@code targetChecksum} is the replica's after the sync.
 */
public record DiskSummary(
    String name,
    long sizeBytes,
    long allocatedBytes,
    long seedBytesCopied,
    long bytesTransferred,
    String sourceChecksum,
    String targetChecksum) {}
