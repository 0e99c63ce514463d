package dev.reprotect.workflows.reprotect;

import dev.reprotect.activities.sync.SideMeters;

/**
 * A disk in the summary. {@code bytesTransferred} is what its sync counted across regions, hash
 * lists included, from the point its last attempt resumed from: an attempt whose progress was lost
 * is not in it (the job's {@link ProtectionSummary#bytesSentAcrossRegions} is). {@code
 * targetChecksum} is the replica's after the sync. {@code syncKind} is how it was synced ({@code
 * changed-blocks} or {@code full-compare}) and {@code reason} why (the plan's reason, null in jobs
 * recorded before the choice). A changed-block sync also reports what the backend metered for it,
 * every attempt included ({@code meters}: bytes read on each side, bytes sent), and {@code
 * bytesChanged}, the blocks changed since the failover on either side; both null for a full
 * compare.
 */
public record DiskSummary(
    String name,
    long sizeBytes,
    long allocatedBytes,
    long seedBytesCopied,
    long bytesTransferred,
    String sourceChecksum,
    String targetChecksum,
    String syncKind,
    String reason,
    SideMeters meters,
    Long bytesChanged) {}
