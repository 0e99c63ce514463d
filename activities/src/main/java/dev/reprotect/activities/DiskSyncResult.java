package dev.reprotect.activities;

/**
 * A synced disk: {@code bytesTransferred} is what the backend metered across regions for it (hash
 * lists included); {@code resumedFromBlock} is where the last attempt picked up (0 for a sync that
 * ran in one go). The checksums were computed from the bytes, each where it lives, and are equal;
 * {@code blocksRepaired} is what the verification had to resend to make them so.
 */
public record DiskSyncResult(
    String slot,
    String name,
    long sizeBytes,
    long allocatedBytes,
    long blocksCopied,
    long blocksCleared,
    long bytesTransferred,
    long resumedFromBlock,
    String sourceChecksum,
    String targetChecksum,
    long blocksRepaired) {}
