package dev.reprotect.activities.replication;

/**
 * What one cycle moved: the blocks that differ between the two cuts (found in the source region),
 * the bytes staged in the cache storage account, the bytes that crossed to the replicas, and the
 * blocks resent because the bytes the target region received did not hash as the ones sent. {@code
 * diskSetChange} says, for people, how the VM's disks in the cut differ from the item's replicas (a
 * disk added after the protection, not replicated; one removed, whose replica keeps its last
 * content); null when they are the same, and in shipments recorded before it was.
 */
public record CycleShipment(
    long blocksChanged,
    long bytesStaged,
    long bytesShipped,
    long blocksRepaired,
    String diskSetChange) {
  public CycleShipment(
      long blocksChanged, long bytesStaged, long bytesShipped, long blocksRepaired) {
    this(blocksChanged, bytesStaged, bytesShipped, blocksRepaired, null);
  }

  public CycleShipment withDiskSetChange(String change) {
    return new CycleShipment(blocksChanged, bytesStaged, bytesShipped, blocksRepaired, change);
  }
}
