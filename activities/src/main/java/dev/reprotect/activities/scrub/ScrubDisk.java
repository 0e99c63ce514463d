package dev.reprotect.activities.scrub;

import dev.reprotect.azure.BlobRef;

/**
 * One disk of a held point: the scrub's snapshot of the source cut's disk ({@code source}, in the
 * source region) and of the point's disk ({@code replica}, in the target region).
 */
public record ScrubDisk(String slot, BlobRef source, BlobRef replica, String sourceRegion) {}
