package dev.reprotect.workflows.release;

import dev.reprotect.activities.item.ReplicatedItemActivities;
import dev.reprotect.activities.item.StaleClaim;
import dev.reprotect.workflows.ActivityPolicies;
import io.temporal.workflow.Workflow;

public final class ReleaseClaimWorkflowImpl implements ReleaseClaimWorkflow {
  @Override
  public void release(StaleClaim stale) {
    Workflow.newActivityStub(
            ReplicatedItemActivities.class,
            ActivityPolicies.step(
                "Release the stale claim of " + stale.claim() + " on " + stale.vm()))
        .releaseStaleClaim(stale);
  }
}
