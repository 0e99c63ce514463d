package dev.reprotect.azure;

import java.util.List;

/**
 * What a prune did: the points it {@code deleted} (a point already gone counts as deleted, so a
 * retry agrees with the first call) and those it {@code kept} because a failover or a drill may
 * need them, with the reason ({@code keptBecause}, null when none was kept).
 */
public record RecoveryPointPruning(List<String> deleted, List<String> kept, String keptBecause) {
  public RecoveryPointPruning {
    deleted = List.copyOf(deleted);
    kept = List.copyOf(kept);
  }
}
