package dev.reprotect.worker;

import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.reprotect.activities.ReprotectActivities;
import dev.reprotect.workflows.ReprotectWorkflows;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerOptions;
import java.time.Duration;

/** Puts every workflow and activity of Reprotect on a worker. */
public final class WorkerRegistration {
  /**
   * The longest an activity's heartbeat waits before the SDK sends it. A cancellation reaches a
   * sync only in the answer to a heartbeat actually sent, and the SDK's default (0.8 times the
   * sync's 1-minute heartbeat timeout) let a cancelled sync write on for up to 48 s, and a disk
   * that finished within that time was never stopped at all.
   */
  static final Duration HEARTBEAT_THROTTLE = Duration.ofSeconds(5);

  private WorkerRegistration() {}

  /** The options of every worker that hosts Reprotect. */
  public static WorkerOptions options() {
    return WorkerOptions.newBuilder().setMaxHeartbeatThrottleInterval(HEARTBEAT_THROTTLE).build();
  }

  public static void registerAll(Worker worker, ReprotectModule module) {
    Injector injector = Guice.createInjector(module);
    worker.registerWorkflowImplementationTypes(
        ReprotectWorkflows.IMPLEMENTATIONS.toArray(Class<?>[]::new));
    worker.registerActivitiesImplementations(
        ReprotectActivities.IMPLEMENTATIONS.stream().map(injector::getInstance).toArray());
  }
}
