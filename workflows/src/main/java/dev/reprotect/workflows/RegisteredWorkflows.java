package dev.reprotect.workflows;

import dev.reprotect.workflows.disable.DisableWorkflowImpl;
import dev.reprotect.workflows.enable.EnableReplicationWorkflowImpl;
import dev.reprotect.workflows.failover.FailoverWorkflowImpl;
import dev.reprotect.workflows.plan.PlanReviewWorkflowImpl;
import dev.reprotect.workflows.reconcile.ReconcileWorkflowImpl;
import dev.reprotect.workflows.release.ClaimReviewWorkflowImpl;
import dev.reprotect.workflows.release.ReleaseClaimWorkflowImpl;
import dev.reprotect.workflows.replication.RecoveryPointsReviewWorkflowImpl;
import dev.reprotect.workflows.replication.ReplicationWorkflowImpl;
import dev.reprotect.workflows.reprotect.ReprotectWorkflowImpl;
import dev.reprotect.workflows.resume.ResumeReplicationWorkflowImpl;
import dev.reprotect.workflows.scrub.ScrubWorkflowImpl;
import java.util.List;

/** Every workflow implementation a worker hosts. */
public final class RegisteredWorkflows {
  public static final List<Class<?>> IMPLEMENTATIONS =
      List.of(
          ReprotectWorkflowImpl.class,
          PlanReviewWorkflowImpl.class,
          ReplicationWorkflowImpl.class,
          ClaimReviewWorkflowImpl.class,
          ReleaseClaimWorkflowImpl.class,
          FailoverWorkflowImpl.class,
          EnableReplicationWorkflowImpl.class,
          ResumeReplicationWorkflowImpl.class,
          ReconcileWorkflowImpl.class,
          ScrubWorkflowImpl.class,
          DisableWorkflowImpl.class,
          RecoveryPointsReviewWorkflowImpl.class);

  private RegisteredWorkflows() {}
}
