package dev.reprotect.activities.scrub;

import java.time.Instant;
import java.util.List;

/**
 * The recovery point a scrub compares with the cut it was made from, both held by snapshots of the
 * scrub's own: a cycle that deletes the cut, or a prune that deletes the point, changes nothing the
 * scrub reads.
 */
public record HeldPoint(
    String vault,
    String vm,
    String pointId,
    String cutId,
    Instant pointTime,
    String sourceRegion,
    String targetRegion,
    List<ScrubDisk> disks) {
  public HeldPoint {
    disks = List.copyOf(disks);
  }
}
