package dev.reprotect.activities.replication;

import dev.reprotect.azure.CutDisk;
import java.time.Instant;
import java.util.List;

/**
 * The cut exists; {@code appConsistent} only when the guest did quiesce for it. {@code disks} are
 * its snapshots, which the initial sync reads (empty in histories recorded before they were
 * reported). {@code quiesceUnacknowledged}: an app-consistent cut was asked for, but the guest's
 * applications did not acknowledge the quiesce, so the cut is crash-consistent. {@code time} is the
 * instant the snapshots hold (null in histories recorded before it was).
 */
public record CutTaken(
    String cutId,
    boolean appConsistent,
    List<CutDisk> disks,
    boolean quiesceUnacknowledged,
    Instant time) {
  public CutTaken {
    disks = disks == null ? List.of() : List.copyOf(disks);
  }
}
