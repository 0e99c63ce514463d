package dev.reprotect.activities.artefacts;

import dev.reprotect.activities.ProtectionPlan;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Step 1 of the job: create or reuse the artefacts of the plan, under the plan's names. */
@ActivityInterface
public interface ArtefactActivities {
  @ActivityMethod
  void ensureCacheStorageAccount(ProtectionPlan plan);

  @ActivityMethod
  void ensureTargetResourceGroup(ProtectionPlan plan);

  @ActivityMethod
  void ensureTargetStorageAccount(ProtectionPlan plan);

  /** Only called when the source VM is in an availability set. */
  @ActivityMethod
  void ensureAvailabilitySet(ProtectionPlan plan);
}
