package dev.reprotect.workflows.resume;

import dev.reprotect.workflows.ActivityPolicies;
import dev.reprotect.workflows.replication.ReplicationInput;
import io.temporal.workflow.Workflow;

/**
 * The one way a workflow starts an item's replication (a reprotect's last step, a resume): through
 * {@link ReplicationLaunchActivities}, on the caller's task queue.
 */
public final class ReplicationLaunch {
  private ReplicationLaunch() {}

  /** Call from workflow code only. */
  public static ReplicationLaunched launch(ReplicationInput input) {
    return Workflow.newActivityStub(
            ReplicationLaunchActivities.class,
            ActivityPolicies.step(
                "Start or adopt replication."
                    + input.vault()
                    + "."
                    + input.vm()
                    + " (run tag "
                    + input.runTag()
                    + ")"))
        .launchReplication(
            new LaunchReplication(input, Workflow.getInfo().getTaskQueue(), summary(input)));
  }

  /** The replication workflow's line in the Web UI. */
  public static String summary(ReplicationInput input) {
    return "Replication of "
        + input.vm()
        + ", "
        + input.sourceRegion()
        + " -> "
        + input.targetRegion();
  }
}
