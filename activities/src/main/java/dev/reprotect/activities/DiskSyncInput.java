package dev.reprotect.activities;

import dev.reprotect.azure.BlobRef;

/**
 * The initial sync of one disk from the source region to its replica in the target region. {@code
 * sourceCut} is the disk's snapshot in the cut the job syncs (so writes made meanwhile wait for the
 * next cut); null in jobs started before cuts existed, which sync the live disk.
 */
public record DiskSyncInput(
    String vault,
    String vm,
    String sourceRegion,
    String targetRegion,
    PlannedDisk disk,
    BlobRef sourceCut) {

  /** What the sync reads from: the cut's snapshot, or the live disk of an older job. */
  public BlobRef syncedFrom() {
    return sourceCut != null ? sourceCut : disk.source();
  }
}
