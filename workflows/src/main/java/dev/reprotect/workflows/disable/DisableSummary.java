package dev.reprotect.workflows.disable;

import java.util.List;

/**
 * What a disable deleted: the counts of each kind of blob or point, the resources recorded as
 * created by the protection that it deleted, and those it kept, each with why.
 */
public record DisableSummary(
    String vault,
    String vm,
    String replication,
    int recoveryPoints,
    int cutSnapshots,
    int replicas,
    int stagingBlobs,
    List<String> resourcesDeleted,
    List<String> resourcesKept,
    long elapsedMillis) {
  public DisableSummary {
    resourcesDeleted = List.copyOf(resourcesDeleted);
    resourcesKept = List.copyOf(resourcesKept);
  }
}
