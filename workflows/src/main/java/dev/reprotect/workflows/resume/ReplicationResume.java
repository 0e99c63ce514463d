package dev.reprotect.workflows.resume;

import dev.reprotect.activities.replication.ItemRef;
import dev.reprotect.activities.resume.ResumeActivities;
import dev.reprotect.activities.resume.Resumption;
import dev.reprotect.workflows.ActivityPolicies;
import dev.reprotect.workflows.RunTags;
import dev.reprotect.workflows.replication.RecoveryPointInfo;
import dev.reprotect.workflows.replication.ReplicationInput;
import io.temporal.workflow.Workflow;

/**
 * The one path that restarts an item's replication from the vault's record, whether a person asks
 * ({@code --start}) or the reconciler finds it missing. Call from workflow code only.
 */
public final class ReplicationResume {
  private ReplicationResume() {}

  /**
   * Reads the item's resumption and starts its replication under a run tag of the calling run:
   * every cut and point id of the new replication starts with it, so none meets an old one, and a
   * retry of the start within this run adopts what it started.
   */
  public static ReplicationResumed resume(ItemRef item) {
    Resumption from =
        Workflow.newActivityStub(
                ResumeActivities.class,
                ActivityPolicies.step(
                    "Read the vault's record of " + item.vm() + " to resume its replication"))
            .resumption(item);
    String runTag = RunTags.of('r');
    ReplicationInput input =
        ReplicationInput.first(
            from.vault(),
            from.vm(),
            from.sourceRegion(),
            from.targetRegion(),
            runTag,
            from.retentionDays(),
            from.appConsistentFrequencyMinutes(),
            from.lastCutId(),
            from.points().stream()
                .map(
                    point ->
                        new RecoveryPointInfo(
                            point.id(), point.time(), point.type(), point.cutId()))
                .toList());
    ReplicationLaunched launched = ReplicationLaunch.launch(input);
    return new ReplicationResumed(
        launched.workflowId(), launched.runId(), runTag, from.lastCutId(), from.points().size());
  }
}
