package dev.reprotect.azure;

import java.time.Instant;
import java.util.List;

/**
 * A cut: every disk of a VM snapshotted while its guest held its writes, so the disks never
 * disagree about time ({@link Cuts}). The unit of consistency of replication: each recovery point
 * corresponds to one cut. {@code time} is when the hold began; {@code appConsistent} when the
 * guest's applications acknowledged the quiesce asked for with it.
 */
public record VmCut(
    String id,
    String resourceGroup,
    String vm,
    String location,
    Instant time,
    List<CutDisk> disks,
    boolean appConsistent) {
  public VmCut {
    disks = List.copyOf(disks);
  }

  public CutDisk disk(String slot) {
    return disks.stream()
        .filter(disk -> disk.slot().equals(slot))
        .findFirst()
        .orElseThrow(() -> AzureException.notFound("disk " + slot + " of cut " + id));
  }
}
