package dev.reprotect.workflows.reprotect;

import dev.reprotect.azure.CallerCosts;
import java.util.List;

/**
 * The result of a reprotect: what was created or reused, what each disk cost, the state reached,
 * and the digest of the plan it ran (null in jobs recorded before it was). {@code
 * bytesSentAcrossRegions} is what the backend metered for the whole job, every attempt of every
 * step included (0 in the results of jobs that ended before it was recorded). {@code meters} is
 * what the backend charged the job's calls, per region (the source's and the target's) and per
 * blob: bytes read and written, bytes hashed, calls by operation, throttled calls, modelled seconds
 * (null in the results of jobs that ended before it was read).
 */
public record ProtectionSummary(
    String vault,
    String vm,
    String sourceRegion,
    String targetRegion,
    String state,
    List<ArtefactSummary> artefacts,
    List<DiskSummary> disks,
    int recoveryPoints,
    long durationMs,
    String planDigest,
    long bytesSentAcrossRegions,
    CallerCosts meters) {

  public ProtectionSummary {
    artefacts = List.copyOf(artefacts);
    disks = List.copyOf(disks);
  }
}
