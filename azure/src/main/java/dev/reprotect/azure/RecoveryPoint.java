package dev.reprotect.azure;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A point a VM can be failed over to: a snapshot of every replica disk at one moment. {@code cutId}
 * is the cut of the source it corresponds to (null for points taken without one), {@code
 * diskChecksums} the checksum of each snapshot by slot, computed from its bytes when the point was
 * taken (empty for points recorded before checksums were).
 */
public record RecoveryPoint(
    String id,
    String vault,
    String item,
    Instant time,
    RecoveryPointType type,
    List<BlobRef> disks,
    String cutId,
    Map<String, String> diskChecksums) {
  public RecoveryPoint {
    disks = List.copyOf(disks);
    // Sorted, so that a point prints (and exports) the same wherever it was read back.
    diskChecksums =
        Collections.unmodifiableMap(
            diskChecksums == null ? new TreeMap<>() : new TreeMap<>(diskChecksums));
  }

  /** The snapshot of each disk by slot: they are named {@code <item>.<id>.<slot>.vhd}. */
  public Map<String, BlobRef> disksBySlot() {
    Map<String, BlobRef> bySlot = new LinkedHashMap<>();
    String prefix = item + "." + id + ".";
    for (BlobRef snapshot : disks) {
      String blob = snapshot.blob();
      bySlot.put(blob.substring(prefix.length(), blob.length() - ".vhd".length()), snapshot);
    }
    return bySlot;
  }
}
