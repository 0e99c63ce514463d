package dev.reprotect.activities;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.reprotect.azure.BlobRef;

/**
 * How the plan syncs one disk, and why. {@code changed-blocks} when the failover's lineage of the
 * disk holds: the seed is built from {@code staleCut} (the stale disk's snapshot in the cut the
 * failover's point was made from) and snapshotted as {@code replicaBase}, and the sync sends the
 * union of the source's diff against {@code sourceBase} (the new side's base) and the replica's
 * against {@code replicaBase}. {@code full-compare} otherwise, the three snapshots null. {@code
 * reason} is stable for scripts: {@link #LINEAGE_HOLDS}, {@link #REQUESTED}, or the broken link's
 * {@code DiskLineage.Break}; {@code detail} says what was found.
 */
public record SyncChoice(
    SyncKind kind,
    String reason,
    String detail,
    BlobRef staleCut,
    BlobRef sourceBase,
    BlobRef replicaBase) {
  public static final String LINEAGE_HOLDS = "LineageHolds";
  public static final String REQUESTED = "Requested";

  /**
   * The two ways of syncing a disk; the label is what people and scripts read, and what its JSON
   * holds (a plan's, a job's). Reading accepts the constant's name too: the plans recorded before
   * the JSON took the label (workflow histories, the inputs of jobs in flight) hold {@code
   * ChangedBlocks} and {@code FullCompare}.
   */
  public enum SyncKind {
    FullCompare("full-compare"),
    ChangedBlocks("changed-blocks");

    private final String label;

    SyncKind(String label) {
      this.label = label;
    }

    @JsonValue
    public String label() {
      return label;
    }

    /** The kind of a label, or of a constant's name as JSON written before the label held it. */
    @JsonCreator
    public static SyncKind of(String labelOrName) {
      for (SyncKind kind : values()) {
        if (kind.label.equals(labelOrName) || kind.name().equals(labelOrName)) {
          return kind;
        }
      }
      throw new IllegalArgumentException("no sync kind " + labelOrName);
    }
  }

  public static SyncChoice changedBlocks(
      String detail, BlobRef staleCut, BlobRef sourceBase, BlobRef replicaBase) {
    return new SyncChoice(
        SyncKind.ChangedBlocks, LINEAGE_HOLDS, detail, staleCut, sourceBase, replicaBase);
  }

  public static SyncChoice fullCompare(String reason, String detail) {
    return new SyncChoice(SyncKind.FullCompare, reason, detail, null, null, null);
  }

  /** "changed-blocks (LineageHolds: ...)", as a plan or a step shows it. */
  public String describe() {
    return kind.label() + " (" + reason + (detail == null ? "" : ": " + detail) + ")";
  }
}
