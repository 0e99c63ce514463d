package dev.reprotect.workflows.replication;

import static java.util.concurrent.TimeUnit.MINUTES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reprotect.activities.replication.ItemRef;
import dev.reprotect.workflows.ActivityPolicies;
import dev.reprotect.workflows.failover.ReplicationStopActivities;
import dev.reprotect.workflows.failover.ReplicationStopActivitiesImpl;
import io.temporal.client.UpdateOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateStage;
import io.temporal.failure.CanceledFailure;
import io.temporal.testing.TestActivityEnvironment;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The failover's stop of a replication whose cycle is shipping: it stays live (heartbeats) while it
 * waits, a retry of the step joins the stop its first attempt sent, and a cancelled caller stops
 * waiting.
 */
class ReplicationStopActivityTest {
  @RegisterExtension static final TestWorkflowExtension temporal = ReplicationFixture.temporal();

  private final TestActivityEnvironment activities = TestActivityEnvironment.newInstance();
  private final CountDownLatch heartbeats = new CountDownLatch(2);

  @AfterEach
  void close() {
    activities.close();
  }

  /**
   * A retry of the step after its worker was lost: the first attempt's stop (sent under the step's
   * update id, {@code stop/<workflow id>/<activity id>}; the test environment names its first
   * activity {@code 1} of {@code test-workflow-id}) is pending, and the retry joins it instead of
   * being refused as already stopping.
   */
  @Test
  void theStopHeartbeatsWhileACycleShipsAndARetryJoinsTheFirstAttemptsStop(
      TestWorkflowEnvironment env, Worker worker) throws Exception {
    ReplicationFixture fixture = startedFixture(env, worker);
    Thread advance = fixture.holdTheThirdShipment(fixture.backend::holdShipmentsInAHungCall);
    WorkflowStub.fromTyped(fixture.workflow("web-01"))
        .startUpdate(
            UpdateOptions.newBuilder(ReplicationStatus.class)
                .setUpdateName("stop")
                .setUpdateId("stop/test-workflow-id/1")
                .setWaitForStage(WorkflowUpdateStage.ACCEPTED)
                .build());
    ReplicationStopActivities stop = stopActivity(env);

    CompletableFuture<String> retry =
        CompletableFuture.supplyAsync(
            () -> stop.stopReplication(new ItemRef(ReplicationFixture.VAULT, "web-01")));
    assertThat(heartbeats.await(1, MINUTES)).as("heartbeats while the shipment runs").isTrue();
    fixture.backend.releaseShipment();

    assertThat(retry.get(1, MINUTES))
        .as("the first attempt's stop, not a refused second one")
        .isEqualTo("replication.contoso.web-01 stopped after 3 cycles, 4 recovery points");
    advance.join();
  }

  @Test
  void aCancelledFailoverStopsWaitingForTheShipment(TestWorkflowEnvironment env, Worker worker)
      throws Exception {
    ReplicationFixture fixture = startedFixture(env, worker);
    Thread advance = fixture.holdTheThirdShipment(fixture.backend::holdShipmentsInAHungCall);
    ReplicationStopActivities stop = stopActivity(env);

    CompletableFuture<String> waiting =
        CompletableFuture.supplyAsync(
            () -> stop.stopReplication(new ItemRef(ReplicationFixture.VAULT, "web-01")));
    assertThat(heartbeats.await(1, MINUTES)).isTrue();
    activities.requestCancelActivity();

    assertThatThrownBy(() -> waiting.get(1, MINUTES))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOf(CanceledFailure.class);
    fixture.backend.releaseShipment();
    advance.join();
  }

  /** The stop waits: the shipment it cancels cannot acknowledge before it is released. */
  private static ReplicationFixture startedFixture(TestWorkflowEnvironment env, Worker worker) {
    ReplicationFixture fixture = new ReplicationFixture(env, worker);
    fixture.start(ReplicationFixture.input("web-01", 1, 0));
    return fixture;
  }

  private ReplicationStopActivities stopActivity(TestWorkflowEnvironment env) {
    activities.registerActivitiesImplementations(
        new ReplicationStopActivitiesImpl(env.getWorkflowClient(), Duration.ofMillis(50)));
    activities.setActivityHeartbeatListener(Object.class, details -> heartbeats.countDown());
    // The SDK sends heartbeats at most every 0.8 heartbeat timeouts: a short one here.
    return activities.newActivityStub(
        ReplicationStopActivities.class,
        ActivityPolicies.replicationStop("Stop the replication of web-01").toBuilder()
            .setHeartbeatTimeout(Duration.ofSeconds(1))
            .build());
  }
}
