package dev.reprotect.workflows.scrub;

import dev.reprotect.activities.scrub.DiskScrubbed;
import dev.reprotect.azure.ScrubOutcome;
import java.time.Instant;
import java.util.List;

/**
 * A scrub, as its query shows it while it runs and its result once it ended: the point compared
 * (null until held), its cut, the disks done, and how it ended ({@code outcome} and {@code endedAt}
 * null while it runs).
 */
public record ScrubResult(
    String vault,
    String vm,
    String pointId,
    String cutId,
    Instant pointTime,
    int disks,
    List<DiskScrubbed> disksDone,
    ScrubOutcome outcome,
    Instant endedAt) {
  public ScrubResult {
    disksDone = List.copyOf(disksDone);
  }

  public long bytesCompared() {
    return disksDone.stream().mapToLong(DiskScrubbed::bytesCompared).sum();
  }

  public long blocksRepaired() {
    return disksDone.stream().mapToLong(DiskScrubbed::blocksRepaired).sum();
  }
}
