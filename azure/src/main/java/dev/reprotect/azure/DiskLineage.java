package dev.reprotect.azure;

import java.util.Optional;

/**
 * Where both sides of one disk stood when a failover made the VM in the other region, recorded on
 * the item ({@link ReplicatedItem#lineage()}) so that the reprotect that follows can send only what
 * changed on either side since, instead of comparing every allocated block.
 *
 * <p>The stale side (the VM the failover left behind): {@code staleDisk}, its size then, and {@code
 * cutSnapshot}, the snapshot of it in cut {@code cutId}, the cut point {@code pointId} was made
 * from. The new side: {@code recoveredDisk}, the disk the failover made from the point, and {@code
 * newBase}, a snapshot of it taken before the VM booted. A page-range diff of each disk against its
 * own snapshot lists what was written on that side since; the union of the two is what differs
 * between them, provided the point holds exactly the cut: {@code pointChecksum} (the point's
 * recorded checksum of the disk) equal to {@code cutChecksum} (storage's recorded checksum of the
 * cut's snapshot).
 *
 * <p>Null where the failover could not know: {@code cutId} when the point was made from no cut; the
 * stale side's fields when the cut was gone, or its region or VM could not be reached (an unplanned
 * failover); {@code newBase} when the disk was made by a worker that took none.
 */
public record DiskLineage(
    String slot,
    String pointId,
    String pointChecksum,
    String cutId,
    BlobRef cutSnapshot,
    String cutChecksum,
    BlobRef staleDisk,
    long staleDiskSizeBytes,
    BlobRef recoveredDisk,
    long recoveredDiskSizeBytes,
    BlobRef newBase) {

  /** What the sync would use this lineage for; why it cannot, when a link of it is broken. */
  public enum Break {
    /** The item was failed over before lineages were recorded, or by a test failover. */
    NoLineage,
    /** The point was made from no cut, or the point does not hold its cut. */
    PointNotFromCut,
    /** A base snapshot, of either side, is gone or was never taken. */
    LineageSnapshotMissing,
    /** The stale VM's disk in the slot is another blob than the one the cut snapshotted. */
    StaleDiskReplaced,
    /** The active VM's disk in the slot is another blob than the one the failover made. */
    RecoveredDiskReplaced,
    /** A disk of either side no longer has the size it had at the failover. */
    DiskResized
  }

  /** A broken link, and what the check found. */
  public record Broken(Break reason, String detail) {}

  /**
   * What the reprotect finds of the slot's disks now: each side's disk (null when there is none)
   * and its size, and whether each base snapshot the lineage names still exists.
   */
  public record Seen(
      BlobRef staleDisk,
      long staleDiskSizeBytes,
      BlobRef activeDisk,
      long activeDiskSizeBytes,
      boolean cutSnapshotExists,
      boolean newBaseExists) {}

  /**
   * Whether a changed-block sync of the slot may rely on {@code lineage} (null: none recorded),
   * given what the backend holds now: empty when every link holds, else the first broken one. Pure:
   * the caller reads the backend.
   */
  public static Optional<Broken> check(DiskLineage lineage, Seen now) {
    if (lineage == null) {
      return broken(Break.NoLineage, "no lineage recorded by the failover");
    }
    if (lineage.cutId == null) {
      return broken(Break.PointNotFromCut, "point " + lineage.pointId + " was made from no cut");
    }
    if (lineage.cutSnapshot == null || lineage.cutChecksum == null) {
      return broken(
          Break.LineageSnapshotMissing,
          "the snapshot of "
              + lineage.slot
              + " in cut "
              + lineage.cutId
              + " was not found at the failover");
    }
    if (lineage.newBase == null) {
      return broken(
          Break.LineageSnapshotMissing,
          "no base snapshot of " + lineage.recoveredDisk + " was taken at the failover");
    }
    if (!now.cutSnapshotExists()) {
      return broken(Break.LineageSnapshotMissing, lineage.cutSnapshot + " is gone");
    }
    if (!now.newBaseExists()) {
      return broken(Break.LineageSnapshotMissing, lineage.newBase + " is gone");
    }
    if (!lineage.staleDisk.equals(now.staleDisk())) {
      return broken(
          Break.StaleDiskReplaced,
          "the stale disk of "
              + lineage.slot
              + " is "
              + now.staleDisk()
              + ", the cut snapshotted "
              + lineage.staleDisk);
    }
    if (!lineage.recoveredDisk.equals(now.activeDisk())) {
      return broken(
          Break.RecoveredDiskReplaced,
          "the active disk of "
              + lineage.slot
              + " is "
              + now.activeDisk()
              + ", the failover made "
              + lineage.recoveredDisk);
    }
    if (now.staleDiskSizeBytes() != lineage.staleDiskSizeBytes
        || now.activeDiskSizeBytes() != lineage.recoveredDiskSizeBytes) {
      return broken(
          Break.DiskResized,
          String.format(
              "%s: %d bytes stale and %d active now," + " %d and %d at the failover",
              lineage.slot,
              now.staleDiskSizeBytes(),
              now.activeDiskSizeBytes(),
              lineage.staleDiskSizeBytes,
              lineage.recoveredDiskSizeBytes));
    }
    if (!lineage.cutChecksum.equals(lineage.pointChecksum)) {
      return broken(
          Break.PointNotFromCut,
          "point "
              + lineage.pointId
              + " recorded "
              + lineage.pointChecksum
              + " for "
              + lineage.slot
              + ", its cut "
              + lineage.cutId
              + " holds "
              + lineage.cutChecksum);
    }
    return Optional.empty();
  }

  private static Optional<Broken> broken(Break reason, String detail) {
    return Optional.of(new Broken(reason, detail));
  }
}
