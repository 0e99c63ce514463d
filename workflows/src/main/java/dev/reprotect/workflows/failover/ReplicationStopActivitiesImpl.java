package dev.reprotect.workflows.failover;

import dev.reprotect.activities.Futures;
import dev.reprotect.activities.replication.ItemRef;
import dev.reprotect.workflows.WorkflowIds;
import dev.reprotect.workflows.replication.ReplicationStatus;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.activity.ActivityInfo;
import io.temporal.client.UpdateOptions;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.client.WorkflowUpdateStage;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

public final class ReplicationStopActivitiesImpl implements ReplicationStopActivities {
  /** Well within the stop policy's heartbeat timeout (ActivityPolicies.replicationStop). */
  static final Duration HEARTBEAT_INTERVAL = Duration.ofSeconds(10);

  private final WorkflowClient client;
  private final Duration heartbeatInterval;

  @Inject
  public ReplicationStopActivitiesImpl(WorkflowClient client) {
    this(client, HEARTBEAT_INTERVAL);
  }

  /** With another pace of heartbeats than {@link #HEARTBEAT_INTERVAL}. */
  public ReplicationStopActivitiesImpl(WorkflowClient client, Duration heartbeatInterval) {
    this.client = client;
    this.heartbeatInterval = heartbeatInterval;
  }

  @Override
  public String stopReplication(ItemRef item) {
    ActivityExecutionContext context = Activity.getExecutionContext();
    String id = WorkflowIds.replication(item.vault(), item.vm());
    WorkflowStub replication = client.newUntypedWorkflowStub(id);
    try {
      ReplicationStatus stopped =
          awaitHeartbeating(
              context,
              replication
                  .startUpdate(
                      UpdateOptions.newBuilder(ReplicationStatus.class)
                          .setUpdateName("stop")
                          .setUpdateId(updateId(context.getInfo()))
                          .setWaitForStage(WorkflowUpdateStage.ACCEPTED)
                          .build())
                  .getResultAsync());
      return String.format(
          "%s stopped after %d cycles, %d recovery points",
          id, stopped.cyclesRun(), stopped.points().size());
    } catch (WorkflowNotFoundException notRunning) {
      return id + " was not running";
    } catch (WorkflowUpdateException refused) {
      // Stopping already on another's request, or ended: its end is what the caller waits for.
      try {
        awaitHeartbeating(context, replication.getResultAsync(ReplicationStatus.class));
      } catch (WorkflowFailedException endedOtherwise) {
        return id + " had ended: " + endedOtherwise.getMessage();
      }
      return id + " had stopped";
    }
  }

  /**
   * One update id for every attempt of this step: a retry after a lost worker rejoins the stop its
   * first attempt sent, which the validator would otherwise refuse as already stopping.
   */
  private static String updateId(ActivityInfo info) {
    return "stop/" + info.getWorkflowId() + "/" + info.getActivityId();
  }

  /**
   * Waits for {@code result}, heartbeating in between: a lost worker is noticed within the
   * heartbeat timeout, and a cancellation of the caller reaches this wait at its next heartbeat.
   */
  private <T> T awaitHeartbeating(ActivityExecutionContext context, CompletableFuture<T> result) {
    Optional<T> done;
    while ((done = Futures.within(result, heartbeatInterval)).isEmpty()) {
      context.heartbeat(null);
    }
    return done.get();
  }
}
