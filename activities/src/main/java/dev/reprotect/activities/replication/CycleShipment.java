package dev.reprotect.activities.replication;

/**
 * What one cycle moved: the blocks that differ between the two cuts (found in the source region),
 * the bytes staged in the cache storage account, the bytes that crossed to the replicas, and the
 * blocks resent because the bytes the target region received did not hash as the ones sent.
 */
public record CycleShipment(
    long blocksChanged, long bytesStaged, long bytesShipped, long blocksRepaired) {}
