package dev.reprotect.activities.replication;

import java.util.ArrayList;
import java.util.List;

/**
 * The heartbeat details of a worker that shipped a cut's disks one after the other: the disk it was
 * on, in the item's order, and the next block of that disk. Read only to resume a shipment that
 * such a worker started, when its retry comes to a worker of the per-disk shape.
 */
public record SerialShipmentProgress(
    int disk,
    long nextBlock,
    long blocksChanged,
    long bytesStaged,
    long bytesShipped,
    long blocksRepaired) {

  /**
   * The same point per disk of {@code slots} (the item's order): the disks before {@code disk}
   * shipped and verified, {@code disk} from its next block, the others from their start. What the
   * shipment moved so far is counted on the disk it was on (the last one once all were).
   */
  ShipmentProgress perDisk(List<String> slots) {
    int counted = Math.min(disk, slots.size() - 1);
    List<DiskProgress> disks = new ArrayList<>();
    for (int index = 0; index < slots.size(); index++) {
      DiskProgress start =
          new DiskProgress(
              slots.get(index), index == disk ? nextBlock : 0, index < disk, 0, 0, 0, 0);
      disks.add(
          index != counted
              ? start
              : new DiskProgress(
                  start.slot(),
                  start.nextBlock(),
                  start.done(),
                  blocksChanged,
                  bytesStaged,
                  bytesShipped,
                  blocksRepaired));
    }
    return new ShipmentProgress(disks);
  }
}
