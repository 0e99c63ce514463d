package dev.reprotect.activities.sync;

import dev.reprotect.activities.PlannedDisk;
import dev.reprotect.azure.BlobRef;

/**
 * The seed of one disk built so that it keeps its lineage once the stale VM is gone: {@code disk}'s
 * stale disk ({@code targetDisk}) is copied into its seed ({@code replica}) as it was in {@code
 * staleCut}, that disk's snapshot in the cut the failover's point was made from; {@code
 * replicaBase}, a name in the seed's storage account, becomes the seed's snapshot at that cut; then
 * the stale disk's writes since the cut are applied. {@code targetRegion} names outages; {@code vm}
 * is recorded on the base, whose VM's lineage it joins (a disable finds it by it).
 */
public record SeedFromStaleCut(
    String targetRegion, String vm, PlannedDisk disk, BlobRef staleCut, BlobRef replicaBase) {}
