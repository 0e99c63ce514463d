package dev.reprotect.activities;

import dev.reprotect.activities.artefacts.ArtefactActivitiesImpl;
import dev.reprotect.activities.disable.DisableActivitiesImpl;
import dev.reprotect.activities.disable.DisablePlanningImpl;
import dev.reprotect.activities.failover.FailoverCompletionImpl;
import dev.reprotect.activities.failover.FailoverPlanningImpl;
import dev.reprotect.activities.failover.RecoveryVmActivitiesImpl;
import dev.reprotect.activities.item.ReplicatedItemActivitiesImpl;
import dev.reprotect.activities.metering.MeteringActivitiesImpl;
import dev.reprotect.activities.plan.EnablePlanningImpl;
import dev.reprotect.activities.plan.ReprotectPlanningImpl;
import dev.reprotect.activities.replication.DeltaReplicationActivitiesImpl;
import dev.reprotect.activities.replication.ReplicationCycleActivitiesImpl;
import dev.reprotect.activities.resume.ResumeActivitiesImpl;
import dev.reprotect.activities.scrub.ScrubActivitiesImpl;
import dev.reprotect.activities.sync.InitialSyncActivitiesImpl;
import dev.reprotect.activities.targetvm.TargetVmActivitiesImpl;
import java.util.List;

/** Every activity implementation a worker hosts; an injector builds them from the backend. */
public final class RegisteredActivities {
  public static final List<Class<?>> IMPLEMENTATIONS =
      List.of(
          ReprotectPlanningImpl.class,
          EnablePlanningImpl.class,
          ReplicatedItemActivitiesImpl.class,
          ArtefactActivitiesImpl.class,
          TargetVmActivitiesImpl.class,
          InitialSyncActivitiesImpl.class,
          DeltaReplicationActivitiesImpl.class,
          ReplicationCycleActivitiesImpl.class,
          MeteringActivitiesImpl.class,
          FailoverPlanningImpl.class,
          RecoveryVmActivitiesImpl.class,
          FailoverCompletionImpl.class,
          ResumeActivitiesImpl.class,
          ScrubActivitiesImpl.class,
          DisablePlanningImpl.class,
          DisableActivitiesImpl.class);

  /**
   * Blocks compared per range of the initial sync, between two heartbeats: 256 MiB of 1 MiB blocks.
   */
  public static final int DEFAULT_BLOCKS_PER_RANGE = 256;

  private RegisteredActivities() {}
}
