package dev.reprotect.activities;

import dev.reprotect.azure.Caller;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityInfo;

/** The caller the backend logs for the running activity: workflow, activity, attempt. */
public final class ActivityCaller {
  private ActivityCaller() {}

  public static Caller current() {
    ActivityInfo info = Activity.getExecutionContext().getInfo();
    return Caller.of(info.getWorkflowId() + "/" + info.getActivityType() + "/"
        + info.getActivityId() + "#" + info.getAttempt());
  }
}
