package dev.reprotect.activities.replication;

/**
 * How far the shipment of a cut got: the heartbeat details a retry resumes from (the disk, in
 * the item's order, and the next block of its range), and what it moved so far.
 */
public record ShipmentProgress(
    int disk,
    long nextBlock,
    long blocksChanged,
    long bytesStaged,
    long bytesShipped,
    long blocksRepaired) {

  static ShipmentProgress start() {
    return new ShipmentProgress(0, 0, 0, 0, 0, 0);
  }

  ShipmentProgress advance(long next, long changed, long staged, long shipped) {
    return new ShipmentProgress(disk, next, blocksChanged + changed, bytesStaged + staged,
        bytesShipped + shipped, blocksRepaired);
  }

  /** The next disk, from its first block, with what the verification of this one repaired. */
  ShipmentProgress nextDisk(long repaired, long repairBytes) {
    return new ShipmentProgress(disk + 1, 0, blocksChanged, bytesStaged,
        bytesShipped + repairBytes, blocksRepaired + repaired);
  }

  CycleShipment shipment() {
    return new CycleShipment(blocksChanged, bytesStaged, bytesShipped, blocksRepaired);
  }
}
