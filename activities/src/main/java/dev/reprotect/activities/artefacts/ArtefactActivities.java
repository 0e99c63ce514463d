package dev.reprotect.activities.artefacts;

import dev.reprotect.activities.ReprotectPlan;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Step 1 of the job: create or reuse the artefacts of the plan, under the plan's names. */
@ActivityInterface
public interface ArtefactActivities {
  @ActivityMethod
  void ensureCacheStorageAccount(ReprotectPlan plan);

  @ActivityMethod
  void ensureTargetResourceGroup(ReprotectPlan plan);

  @ActivityMethod
  void ensureTargetStorageAccount(ReprotectPlan plan);

  /** Only called when the source VM is in an availability set. */
  @ActivityMethod
  void ensureAvailabilitySet(ReprotectPlan plan);
}
