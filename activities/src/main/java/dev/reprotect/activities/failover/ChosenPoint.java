package dev.reprotect.activities.failover;

import dev.reprotect.azure.BlobRef;
import dev.reprotect.azure.RecoveryPointType;
import java.time.Instant;
import java.util.Map;

/**
 * The recovery point a failover uses: its snapshot blob and the checksum recorded, from its bytes,
 * when it was made, by disk slot.
 */
public record ChosenPoint(
    String id,
    RecoveryPointType type,
    Instant time,
    Map<String, BlobRef> snapshots,
    Map<String, String> checksums) {
  public ChosenPoint {
    snapshots = Map.copyOf(snapshots);
    checksums = Map.copyOf(checksums);
  }
}
