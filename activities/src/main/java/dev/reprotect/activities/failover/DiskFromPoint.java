package dev.reprotect.activities.failover;

import dev.reprotect.azure.BlobRef;

/**
 * Create the disk in {@code slot} of {@code plan}'s VM from {@code snapshot} of point {@code
 * pointId}.
 */
public record DiskFromPoint(FailoverPlan plan, String slot, String pointId, BlobRef snapshot) {}
