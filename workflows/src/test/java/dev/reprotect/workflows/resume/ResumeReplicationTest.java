package dev.reprotect.workflows.resume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reprotect.activities.ReprotectErrorCode;
import dev.reprotect.activities.replication.ItemRef;
import dev.reprotect.activities.resume.ResumeErrorCode;
import dev.reprotect.azure.RecoveryPoint;
import dev.reprotect.azure.sim.Scenario;
import dev.reprotect.workflows.WorkflowIds;
import dev.reprotect.workflows.replication.ReplicationState;
import dev.reprotect.workflows.replication.ReplicationWorkflow;
import dev.reprotect.workflows.reprotect.ReprotectFixture;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.util.Comparator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code replication --start}: a Protected item's replication restarted from the vault. */
class ResumeReplicationTest {
  @RegisterExtension static final TestWorkflowExtension temporal = ReprotectFixture.temporal();

  private ReprotectFixture fixture;

  @AfterEach
  void closeFixture() {
    if (fixture != null) {
      fixture.close();
    }
  }

  @Test
  void aTerminatedReplicationResumesFromTheNewestPointsCutUnderANewRunTag(
      TestWorkflowEnvironment env, Worker worker) {
    WorkflowClient client = reprotected(env, worker);
    String replicationId = WorkflowIds.replication(vault(), vm());
    client.newUntypedWorkflowStub(replicationId).terminate("lost, as in the issue");
    RecoveryPoint newest =
        fixture.azure.recoveryServices().recoveryPoints(vault(), vm()).stream()
            .max(Comparator.comparing(RecoveryPoint::time))
            .orElseThrow();

    ReplicationResumed resumed = resume(client);

    assertThat(resumed.workflowId()).isEqualTo(replicationId);
    assertThat(resumed.lastCutId()).isEqualTo(newest.cutId()).isNotNull();
    assertThat(resumed.runTag()).doesNotStartWith(newest.id().split("\\.")[0]);
    assertThat(resumed.recoveryPoints())
        .isEqualTo(fixture.azure.recoveryServices().recoveryPoints(vault(), vm()).size());
    ReplicationWorkflow replication =
        client.newWorkflowStub(ReplicationWorkflow.class, replicationId);
    assertThat(replication.status().state()).isEqualTo(ReplicationState.Running);
    assertThat(replication.status().points()).extracting(point -> point.id()).contains(newest.id());
  }

  @Test
  void aSecondStartWhileTheReplicationRunsIsRefusedWithReplicationRunning(
      TestWorkflowEnvironment env, Worker worker) {
    WorkflowClient client = reprotected(env, worker);

    assertRefused(() -> resume(client), ResumeErrorCode.ReplicationRunning.name());
  }

  @Test
  void anItemThatIsNotProtectedOrDoesNotExistIsRefused(TestWorkflowEnvironment env, Worker worker) {
    fixture = new ReprotectFixture(ReprotectFixture.scenario().build());
    fixture.register(env, worker);
    env.start();
    WorkflowClient client = env.getWorkflowClient();

    assertRefused(() -> resume(client), ResumeErrorCode.NotProtected.name());
    assertRefused(
        () ->
            client
                .newWorkflowStub(
                    ResumeReplicationWorkflow.class,
                    fixture.jobOptions(WorkflowIds.resume(vault(), "no-such-vm")))
                .resume(new ItemRef(vault(), "no-such-vm")),
        ReprotectErrorCode.ItemNotFound.name());
  }

  private WorkflowClient reprotected(TestWorkflowEnvironment env, Worker worker) {
    Scenario scenario = ReprotectFixture.scenario().build();
    fixture = new ReprotectFixture(scenario);
    fixture.register(env, worker);
    env.start();
    fixture.newWorkflow(env.getWorkflowClient()).reprotect(fixture.request());
    return env.getWorkflowClient();
  }

  private ReplicationResumed resume(WorkflowClient client) {
    return client
        .newWorkflowStub(
            ResumeReplicationWorkflow.class, fixture.jobOptions(WorkflowIds.resume(vault(), vm())))
        .resume(new ItemRef(vault(), vm()));
  }

  private static void assertRefused(Runnable start, String code) {
    assertThatThrownBy(start::run)
        .isInstanceOf(WorkflowFailedException.class)
        .satisfies(
            failed ->
                assertThat(ReprotectFixture.applicationFailure(failed, code)).as(code).isPresent());
  }

  private String vault() {
    return fixture.scenario.vault();
  }

  private String vm() {
    return fixture.scenario.vm();
  }
}
