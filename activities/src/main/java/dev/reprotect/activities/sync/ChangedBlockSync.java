package dev.reprotect.activities.sync;

import dev.reprotect.activities.DiskSyncInput;
import dev.reprotect.azure.BlobRef;

/**
 * The changed-block sync of one disk after a failover: {@code sync} as for a full compare (its
 * cut's snapshot of the new side's disk is what the replica ends equal to), {@code sourceBase} the
 * new side's base, an earlier snapshot of that same disk taken right after the failover created it,
 * and {@code replicaBase} an earlier snapshot of the replica (the seed) holding the stale disk's
 * cut, which {@link InitialSyncActivities#seedFromStaleCut} took. Both bases hold the content of
 * the point the failover ran from, so every block that differs now was written since on one side or
 * the other: the page-range diff of each side against its own base lists it.
 */
public record ChangedBlockSync(DiskSyncInput sync, BlobRef sourceBase, BlobRef replicaBase) {}
