package dev.reprotect.workflows.reprotect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reprotect.activities.ProtectionPlan;
import dev.reprotect.activities.resume.ResumeErrorCode;
import dev.reprotect.azure.ProtectionState;
import dev.reprotect.azure.sim.Scenario;
import dev.reprotect.workflows.WorkflowIds;
import dev.reprotect.workflows.job.Job;
import dev.reprotect.workflows.job.JobState;
import dev.reprotect.workflows.replication.ReplicationInput;
import dev.reprotect.workflows.replication.ReplicationWorkflow;
import dev.reprotect.workflows.resume.LaunchReplication;
import dev.reprotect.workflows.resume.ReplicationLaunchActivitiesImpl;
import dev.reprotect.workflows.resume.ReplicationLaunched;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A {@code replication.<vault>.<vm>} already running when a reprotect starts the item's
 * replication: the job adopts its own, and otherwise ends Failed with a code, never InProgress.
 */
class ReplicationStartGuardTest {
  /** A task queue no worker polls: the replication put there runs, stuck, for ever. */
  private static final String NOBODY_POLLS = "nobody-polls";

  @RegisterExtension static final TestWorkflowExtension temporal = ReprotectFixture.temporal();

  @Test
  void aReplicationStillRunningWhenTheReprotectEndsFailsTheJobWithReplicationRunning(
      TestWorkflowEnvironment env, Worker worker) {
    Scenario scenario = ReprotectFixture.scenario().dataDisks(0).build();
    try (ReprotectFixture fixture = new ReprotectFixture(scenario)) {
      fixture.register(env, worker);
      env.start();
      aStuckReplicationFailsTheJob(fixture, env.getWorkflowClient());
    }
  }

  private static void aStuckReplicationFailsTheJob(
      ReprotectFixture fixture, WorkflowClient client) {
    Scenario scenario = fixture.scenario;
    WorkflowClient.start(
        client.newWorkflowStub(
                ReplicationWorkflow.class,
                WorkflowOptions.newBuilder()
                    .setWorkflowId(WorkflowIds.replication(scenario.vault(), scenario.vm()))
                    .setTaskQueue(NOBODY_POLLS)
                    .build())
            ::replicate,
        stuckReplication(scenario));

    assertThatThrownBy(() -> fixture.newWorkflow(client).reprotect(fixture.request()))
        .isInstanceOf(WorkflowFailedException.class)
        .satisfies(
            failed ->
                assertThat(
                        ReprotectFixture.applicationFailure(
                            failed, ResumeErrorCode.ReplicationRunning.name()))
                    .isPresent());

    Job<ProtectionStep, ProtectionPlan> job = fixture.newWorkflowStubForQuery(client).job();
    assertThat(job.state()).isEqualTo(JobState.Failed);
    assertThat(job.errorCode()).isEqualTo(ResumeErrorCode.ReplicationRunning.name());
    assertThat(job.errorMessage()).contains("--stop");
    // The replicas are in sync and the first point exists: only the replication is missing.
    assertThat(fixture.item().state()).isEqualTo(ProtectionState.Protected);
    assertThat(fixture.item().runningOperation()).isNull();
  }

  @Test
  void aSecondStartOfTheSameReplicationAdoptsTheFirst(TestWorkflowEnvironment env) {
    env.start();
    Scenario scenario = ReprotectFixture.scenario().build();
    ReplicationLaunchActivitiesImpl launcher =
        new ReplicationLaunchActivitiesImpl(env.getWorkflowClient());
    LaunchReplication launch =
        new LaunchReplication(stuckReplication(scenario), NOBODY_POLLS, "a test's replication");

    ReplicationLaunched first = launcher.launchReplication(launch);
    ReplicationLaunched again = launcher.launchReplication(launch);

    assertThat(first.adopted()).isFalse();
    assertThat(again.adopted()).isTrue();
    assertThat(again.runId()).isEqualTo(first.runId());
  }

  private static ReplicationInput stuckReplication(Scenario scenario) {
    return ReplicationInput.first(
        scenario.vault(),
        scenario.vm(),
        "eastasia",
        "southeastasia",
        "rstuck",
        1,
        0,
        null,
        List.of());
  }
}
