package dev.reprotect.workflows.reprotect;

/**
 * A disk in the summary. {@code bytesTransferred} is what its sync counted across regions, hash
 * lists included, from the point its last attempt resumed from: an attempt whose progress was lost
 * is not in it (the job's {@link ProtectionSummary#bytesSentAcrossRegions} is). {@code
 * targetChecksum} is the replica's after the sync.
 */
public record DiskSummary(
    String name,
    long sizeBytes,
    long allocatedBytes,
    long seedBytesCopied,
    long bytesTransferred,
    String sourceChecksum,
    String targetChecksum) {}
