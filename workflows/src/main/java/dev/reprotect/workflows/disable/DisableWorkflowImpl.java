package dev.reprotect.workflows.disable;

import dev.reprotect.activities.ItemOperation;
import dev.reprotect.activities.disable.DisableActivities;
import dev.reprotect.activities.disable.DisablePlan;
import dev.reprotect.activities.disable.DisablePlanning;
import dev.reprotect.activities.disable.ResourcesRemoved;
import dev.reprotect.activities.item.ReplicatedItemActivities;
import dev.reprotect.activities.replication.ItemRef;
import dev.reprotect.azure.ItemLifecycle;
import dev.reprotect.workflows.ActivityPolicies;
import dev.reprotect.workflows.failover.ReplicationStopActivities;
import dev.reprotect.workflows.job.CheckedPlan;
import dev.reprotect.workflows.job.ItemJob;
import dev.reprotect.workflows.job.Job;
import dev.reprotect.workflows.job.JobTracker;
import io.temporal.activity.ActivityOptions;
import io.temporal.workflow.Workflow;
import java.util.List;
import java.util.function.ToIntBiFunction;

public final class DisableWorkflowImpl implements DisableWorkflow {
  private JobTracker<DisableStep, DisablePlan> job;

  @Override
  public DisableSummary disable(ItemRef item) {
    job =
        new JobTracker<>(
            ItemLifecycle.Disable, item.vault(), item.vm(), List.of(DisableStep.values()));
    return new ItemJob<>(
            job,
            List.of(),
            plan -> ItemLifecycle.Disable.failed() + "; a re-run of disable deletes what is left")
        .run(
            "Checking that " + item.vm() + " may be disabled",
            () -> checked(item),
            (plan, claimed) ->
                stub(
                        ReplicatedItemActivities.class,
                        ActivityPolicies.step(
                            "Record the disable as the running operation of " + plan.vm()))
                    .claimItem(claimed, plan.checked()),
            this::disable);
  }

  @Override
  public Job<DisableStep, DisablePlan> job() {
    return job.snapshot();
  }

  private static CheckedPlan<DisablePlan> checked(ItemRef item) {
    DisablePlan plan =
        stub(
                DisablePlanning.class,
                ActivityPolicies.step("Check that " + item.vm() + " may be disabled"))
            .planDisable(item);
    return new CheckedPlan<>(
        plan,
        plan.vault(),
        plan.vm(),
        plan.sourceRegion(),
        plan.targetRegion(),
        null,
        String.format(
            "%s is %s: %d recovery points, %d replicas,"
                + " %d resources created by its protection",
            plan.vm(),
            plan.state(),
            plan.recoveryPoints(),
            plan.replicas().size(),
            plan.createdByProtection().size()));
  }

  /** Replication first, so that no cycle adds a point or a cut behind the deletions. */
  private DisableSummary disable(DisablePlan plan, ItemOperation operation) {
    ItemRef item = new ItemRef(plan.vault(), plan.vm());
    job.start(DisableStep.StopReplication, "Stopping the replication of " + plan.vm());
    String stopped =
        stub(
                ReplicationStopActivities.class,
                ActivityPolicies.replicationStop("Stop the replication of " + plan.vm()))
            .stopReplication(item);
    job.succeed(DisableStep.StopReplication, stopped);

    int points =
        deleteAll(
            DisableStep.DeleteRecoveryPoints,
            "recovery points",
            item,
            "Delete the recovery points of " + plan.vm() + " and their snapshots",
            DisableActivities::deleteItemRecoveryPoints);
    int cuts =
        deleteAll(
            DisableStep.DeleteCuts,
            "cut snapshots",
            item,
            "Delete the snapshots of the cuts of " + plan.vm(),
            DisableActivities::deleteCuts);
    int replicas =
        deleteAll(
            DisableStep.DeleteReplicas,
            "replicas",
            item,
            "Delete the replicas of " + plan.vm() + " in " + plan.targetRegion(),
            DisableActivities::deleteReplicas);
    int staging =
        deleteAll(
            DisableStep.DeleteStagingBlobs,
            "staging blobs",
            item,
            "Delete the staging blobs of " + plan.vm() + " in " + plan.cacheStorageAccount(),
            DisableActivities::deleteStagingBlobs);

    job.start(
        DisableStep.DeleteCreatedResources,
        plan.createdByProtection().size() + " recorded as created by the protection");
    ResourcesRemoved resources =
        steps("Delete the resources the protection of " + plan.vm() + " created, once empty")
            .deleteCreatedResources(item);
    job.succeed(
        DisableStep.DeleteCreatedResources,
        String.format(
            "%d deleted, %d kept%s",
            resources.deleted().size(),
            resources.kept().size(),
            resources.kept().isEmpty() ? "" : ": " + String.join("; ", resources.kept())));

    job.start(DisableStep.RemoveItem, "Removing " + plan.vm() + " from vault " + plan.vault());
    steps("Remove " + plan.vm() + " from vault " + plan.vault()).removeItem(operation);
    job.succeed(DisableStep.RemoveItem, plan.vm() + " is no longer protected");
    return new DisableSummary(
        plan.vault(),
        plan.vm(),
        stopped,
        points,
        cuts,
        replicas,
        staging,
        resources.deleted(),
        resources.kept(),
        job.elapsedMillis());
  }

  private int deleteAll(
      DisableStep step,
      String what,
      ItemRef item,
      String summary,
      ToIntBiFunction<DisableActivities, ItemRef> delete) {
    job.start(step, "Deleting the " + what + " of " + item.vm());
    int deleted = delete.applyAsInt(steps(summary), item);
    job.succeed(step, deleted + " " + what + " deleted");
    return deleted;
  }

  private static DisableActivities steps(String summary) {
    return stub(DisableActivities.class, ActivityPolicies.step(summary));
  }

  private static <T> T stub(Class<T> activities, ActivityOptions options) {
    return Workflow.newActivityStub(activities, options);
  }
}
