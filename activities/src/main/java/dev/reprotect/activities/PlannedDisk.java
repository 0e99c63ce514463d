package dev.reprotect.activities;

import dev.reprotect.azure.BlobRef;

/**
 * One disk of the VM: its source blob, the stale target disk to seed from (null when there is
 * none), and the replica blob that the seed becomes. {@code replicaExists} marks a replica left by
 * an earlier run, which is synced as it is.
 */
public record PlannedDisk(
    String slot,
    String name,
    long sizeBytes,
    BlobRef source,
    BlobRef targetDisk,
    BlobRef replica,
    boolean replicaExists) {

  public boolean hasSeed() {
    return targetDisk != null || replicaExists;
  }

  /** A stale disk to seed from, and no replica of an earlier run that is further along. */
  public boolean needsSeedCopy() {
    return targetDisk != null && !replicaExists;
  }
}
