package dev.reprotect.azure;

import java.time.Instant;
import java.util.List;

/** A point a VM can be failed over to: a snapshot of every replica disk at one moment. */
public record RecoveryPoint(
    String id, String vault, String item, Instant time, RecoveryPointType type, List<BlobRef> disks) {
  public RecoveryPoint {
    disks = List.copyOf(disks);
  }
}
