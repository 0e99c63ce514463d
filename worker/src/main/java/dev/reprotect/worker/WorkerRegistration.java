package dev.reprotect.worker;

import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.reprotect.activities.RegisteredActivities;
import dev.reprotect.activities.replication.ReplicationCycleActivitiesImpl;
import dev.reprotect.activities.scrub.ScrubActivitiesImpl;
import dev.reprotect.activities.sync.InitialSyncActivitiesImpl;
import dev.reprotect.workflows.RegisteredWorkflows;
import dev.reprotect.workflows.TaskQueues;
import dev.reprotect.workflows.failover.ReplicationStopActivitiesImpl;
import dev.reprotect.workflows.reconcile.ReplicationSweepActivitiesImpl;
import dev.reprotect.workflows.resume.ReplicationLaunchActivitiesImpl;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;
import java.time.Duration;

/** Puts every workflow and activity of Reprotect on a worker factory: all three task queues. */
public final class WorkerRegistration {
  /**
   * The longest an activity's heartbeat waits before the SDK sends it. A cancellation reaches a
   * sync only in the answer to a heartbeat actually sent, and the SDK's default (0.8 times the
   * sync's 1-minute heartbeat timeout) let a cancelled sync write on for up to 48 s, and a disk
   * that finished within that time was never stopped at all.
   */
  static final Duration HEARTBEAT_THROTTLE = Duration.ofSeconds(5);

  private WorkerRegistration() {}

  public static void registerAll(
      WorkerFactory factory, String taskQueue, ReprotectModule module, WorkerSizing sizing) {
    Injector injector = Guice.createInjector(module);
    Worker steps = factory.newWorker(taskQueue, slots(sizing.stepSlots()));
    steps.registerWorkflowImplementationTypes(
        RegisteredWorkflows.IMPLEMENTATIONS.toArray(Class<?>[]::new));
    // The syncs too: a job recorded before the sync queue schedules its syncs here.
    steps.registerActivitiesImplementations(
        RegisteredActivities.IMPLEMENTATIONS.stream().map(injector::getInstance).toArray());
    // The failover stops the item's replication, a job starts it and the reconciler looks for
    // it through the Temporal client, not the backend.
    steps.registerActivitiesImplementations(
        new ReplicationStopActivitiesImpl(factory.getWorkflowClient()),
        new ReplicationLaunchActivitiesImpl(factory.getWorkflowClient()),
        new ReplicationSweepActivitiesImpl(factory.getWorkflowClient()));
    // The long reads of whole disks: the syncs, and the scrubs' disks.
    factory
        .newWorker(TaskQueues.syncQueueOf(taskQueue), slots(sizing.syncSlots()))
        .registerActivitiesImplementations(
            injector.getInstance(InitialSyncActivitiesImpl.class),
            injector.getInstance(ScrubActivitiesImpl.class));
    // The replication's shipments; the steps' worker keeps them for runs recorded before.
    factory
        .newWorker(TaskQueues.shipmentQueueOf(taskQueue), slots(sizing.shipmentSlots()))
        .registerActivitiesImplementations(
            injector.getInstance(ReplicationCycleActivitiesImpl.class));
  }

  private static WorkerOptions slots(int activities) {
    return WorkerOptions.newBuilder()
        .setMaxConcurrentActivityExecutionSize(activities)
        .setMaxHeartbeatThrottleInterval(HEARTBEAT_THROTTLE)
        .build();
  }
}
