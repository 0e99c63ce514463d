package dev.reprotect.activities.replication;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * How far the shipment of a cut got, disk by disk: the heartbeat details a retry resumes from, each
 * disk from its own safe point, since the disks ship at once. Unknown properties are ignored so
 * that the details of the previous worker's shape ({@link SerialShipmentProgress}) read as no disks
 * here, and are then read in their own shape.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ShipmentProgress(List<DiskProgress> disks) {

  public ShipmentProgress {
    disks = disks == null ? null : List.copyOf(disks);
  }

  /** Where {@code slot} got; from its first block when nothing was recorded for it. */
  DiskProgress of(String slot) {
    return disks.stream()
        .filter(disk -> disk.slot().equals(slot))
        .findFirst()
        .orElseGet(() -> DiskProgress.start(slot));
  }

  CycleShipment shipment() {
    return new CycleShipment(
        disks.stream().mapToLong(DiskProgress::blocksChanged).sum(),
        disks.stream().mapToLong(DiskProgress::bytesStaged).sum(),
        disks.stream().mapToLong(DiskProgress::bytesShipped).sum(),
        disks.stream().mapToLong(DiskProgress::blocksRepaired).sum());
  }
}
