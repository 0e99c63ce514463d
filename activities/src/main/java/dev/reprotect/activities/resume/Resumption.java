package dev.reprotect.activities.resume;

import java.util.List;

/**
 * What the replication of a Protected item resumes from, as the vault records it: its direction,
 * its policy, its points (oldest first) and {@code lastCutId}, the cut of its newest point while
 * that cut still exists (null otherwise: the first cycle then ships every allocated block).
 */
public record Resumption(
    String vault,
    String vm,
    String sourceRegion,
    String targetRegion,
    int retentionDays,
    int appConsistentFrequencyMinutes,
    String lastCutId,
    List<ResumedPoint> points) {
  public Resumption {
    points = List.copyOf(points);
  }
}
