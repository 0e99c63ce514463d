package dev.reprotect.activities.plan;

import dev.reprotect.activities.ProtectionPlan;
import dev.reprotect.activities.ReprotectRequest;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

@ActivityInterface
public interface ReprotectPlanning {
  /**
   * Checks the prerequisites in order and returns the plan; a broken rule is a non-retryable
   * failure whose type is its error code. Changes nothing.
   */
  @ActivityMethod
  ProtectionPlan plan(ReprotectRequest request);
}
