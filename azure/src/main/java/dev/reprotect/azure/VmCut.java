package dev.reprotect.azure;

import java.time.Instant;
import java.util.List;

/**
 * A cut: every disk of a VM snapshotted at one instant, so the disks never disagree about time.
 * The unit of consistency of replication: each recovery point corresponds to one cut.
 */
public record VmCut(
    String id, String resourceGroup, String vm, String location, Instant time, List<CutDisk> disks) {
  public VmCut {
    disks = List.copyOf(disks);
  }

  public CutDisk disk(String slot) {
    return disks.stream().filter(disk -> disk.slot().equals(slot)).findFirst()
        .orElseThrow(() -> AzureException.notFound("disk " + slot + " of cut " + id));
  }
}
