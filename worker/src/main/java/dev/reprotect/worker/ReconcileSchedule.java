package dev.reprotect.worker;

import dev.reprotect.workflows.TaskQueues;
import dev.reprotect.workflows.WorkflowIds;
import dev.reprotect.workflows.reconcile.ReconcileWorkflow;
import io.temporal.api.enums.v1.ScheduleOverlapPolicy;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.schedules.Schedule;
import io.temporal.client.schedules.ScheduleActionStartWorkflow;
import io.temporal.client.schedules.ScheduleAlreadyRunningException;
import io.temporal.client.schedules.ScheduleClient;
import io.temporal.client.schedules.ScheduleClientOptions;
import io.temporal.client.schedules.ScheduleIntervalSpec;
import io.temporal.client.schedules.ScheduleOptions;
import io.temporal.client.schedules.SchedulePolicy;
import io.temporal.client.schedules.ScheduleSpec;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Temporal Schedule that runs the reconciler every 5 minutes, so that a lost replication is
 * restarted within one interval with nobody watching. The schedule lives in the service, not in the
 * worker: every worker ensures it, the first creates it, and it runs while any worker polls.
 */
public final class ReconcileSchedule {
  public static final String ID = "reconcile-replications";

  /** As often as a replication cycle: a lost replication misses one point at most. */
  static final Duration INTERVAL = Duration.ofMinutes(5);

  private static final Logger LOG = LoggerFactory.getLogger(ReconcileSchedule.class);

  private ReconcileSchedule() {}

  /**
   * Creates the schedule unless it exists; returns whether it is there. A service without schedules
   * (the embedded test server) is logged once and skipped: `reprotect reconcile` still runs a pass
   * on request.
   */
  public static boolean ensure(WorkflowServiceStubs service, String namespace) {
    ScheduleClient schedules =
        ScheduleClient.newInstance(
            service, ScheduleClientOptions.newBuilder().setNamespace(namespace).build());
    try {
      schedules.createSchedule(ID, schedule(), ScheduleOptions.newBuilder().build());
      LOG.info("Created schedule {}: the reconciler runs every {}", ID, INTERVAL);
      return true;
    } catch (ScheduleAlreadyRunningException exists) {
      return true;
    } catch (RuntimeException unsupported) {
      LOG.warn(
          "No schedule {} on this Temporal service ({}): the reconciler runs only when"
              + " asked (reprotect reconcile)",
          ID,
          unsupported.getMessage());
      return false;
    }
  }

  private static Schedule schedule() {
    return Schedule.newBuilder()
        .setAction(
            ScheduleActionStartWorkflow.newBuilder()
                .setWorkflowType(ReconcileWorkflow.class)
                .setOptions(
                    WorkflowOptions.newBuilder()
                        .setWorkflowId(WorkflowIds.reconcile())
                        .setTaskQueue(TaskQueues.REPROTECT)
                        // A pass that outlives its interval is stuck: the next one starts afresh.
                        .setWorkflowExecutionTimeout(INTERVAL)
                        .build())
                .build())
        .setSpec(
            ScheduleSpec.newBuilder()
                .setIntervals(List.of(new ScheduleIntervalSpec(INTERVAL)))
                .build())
        .setPolicy(
            SchedulePolicy.newBuilder()
                .setOverlap(ScheduleOverlapPolicy.SCHEDULE_OVERLAP_POLICY_SKIP)
                .build())
        .build();
  }
}
