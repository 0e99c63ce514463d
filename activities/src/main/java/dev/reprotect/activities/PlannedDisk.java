package dev.reprotect.activities;

import dev.reprotect.azure.BlobRef;

/**
 * One disk of the VM: its source blob, the stale target disk to seed from (null when there is
 * none), and the replica blob that the seed becomes. {@code replicaExists} marks a replica left by
 * an earlier run, which is synced as it is. {@code sync} is how the disk is synced and why (null in
 * plans recorded before the choice existed, and in an enable's: a full compare).
 */
public record PlannedDisk(
    String slot,
    String name,
    long sizeBytes,
    BlobRef source,
    BlobRef targetDisk,
    BlobRef replica,
    boolean replicaExists,
    SyncChoice sync) {

  /** Whether the plan syncs this disk from the blocks changed since the failover. */
  public boolean changedBlocks() {
    return sync != null && sync.kind() == SyncChoice.SyncKind.ChangedBlocks;
  }

  /** The sync's kind as people and scripts read it. */
  public String syncKind() {
    return (changedBlocks() ? SyncChoice.SyncKind.ChangedBlocks : SyncChoice.SyncKind.FullCompare)
        .label();
  }

  public boolean hasSeed() {
    return targetDisk != null || replicaExists;
  }

  /** A stale disk to seed from, and no replica of an earlier run that is further along. */
  public boolean needsSeedCopy() {
    return targetDisk != null && !replicaExists;
  }
}
