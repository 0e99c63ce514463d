package dev.reprotect.activities.sync;

/**
 * A seed built from the stale disk's cut: the bytes it holds at the end (allocated), and the blocks
 * the stale disk changed since its cut, applied on top of the copy (written or cleared).
 */
public record SeededFromStaleCut(String slot, long seedBytes, long blocksChangedSinceCut) {}
