package dev.reprotect.activities;

import dev.reprotect.azure.Caller;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityInfo;

/**
 * The caller the backend logs for the running activity: workflow, run, activity, attempt. The run
 * tells a re-run of a job (same workflow id) apart from the run before it.
 */
public final class ActivityCaller {
  private ActivityCaller() {}

  public static Caller current() {
    return Caller.of(ofCurrentActivity() + Activity.getExecutionContext().getInfo().getAttempt());
  }

  /**
   * The start of the correlation id of every attempt of the running activity: what the backend
   * metered for it, the attempts whose progress was lost included.
   */
  public static String ofCurrentActivity() {
    ActivityInfo info = Activity.getExecutionContext().getInfo();
    return ofRun(info.getWorkflowId(), info.getWorkflowRunId())
        + info.getActivityType()
        + "/"
        + info.getActivityId()
        + "#";
  }

  /** The start of the correlation id of every call an activity of that run makes. */
  public static String ofRun(String workflowId, String runId) {
    return workflowId + "/" + runId + "/";
  }
}
