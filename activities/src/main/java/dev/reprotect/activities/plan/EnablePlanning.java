package dev.reprotect.activities.plan;

import dev.reprotect.activities.enable.EnablePlan;
import dev.reprotect.activities.enable.EnableRequest;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

@ActivityInterface
public interface EnablePlanning {
  /**
   * Checks the prerequisites of a first protection in order and returns its plan; a broken rule is
   * a non-retryable failure whose type is its error code. Changes nothing.
   */
  @ActivityMethod
  EnablePlan planEnable(EnableRequest request);
}
