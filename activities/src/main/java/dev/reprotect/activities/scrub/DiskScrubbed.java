package dev.reprotect.activities.scrub;

/**
 * A disk whose point read back equal to its cut: the bytes compared (both sides), the blocks that
 * differed and were resent, and the block this attempt resumed at (0 when it started over).
 */
public record DiskScrubbed(
    String slot, long sizeBytes, long bytesCompared, long blocksRepaired, long resumedFrom) {}
