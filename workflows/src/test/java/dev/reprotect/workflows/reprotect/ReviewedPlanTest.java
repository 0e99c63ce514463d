package dev.reprotect.workflows.reprotect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.reprotect.activities.PlanDigest;
import dev.reprotect.activities.ProtectionPlan;
import dev.reprotect.activities.ReprotectErrorCode;
import dev.reprotect.activities.TargetVmPlan;
import dev.reprotect.azure.Caller;
import dev.reprotect.azure.ProtectionState;
import dev.reprotect.azure.ReplicatedItem;
import dev.reprotect.workflows.WorkflowIds;
import dev.reprotect.workflows.job.Job;
import dev.reprotect.workflows.job.JobState;
import dev.reprotect.workflows.job.JobStep;
import dev.reprotect.workflows.plan.PlanReviewWorkflow;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A job started with the digest of the reviewed plan runs that plan, or is refused and changes
 * nothing.
 */
class ReviewedPlanTest {
  @RegisterExtension static final TestWorkflowExtension temporal = ReprotectFixture.temporal();

  private static final Caller OPERATOR = Caller.of("operator");

  private ReprotectFixture fixture;

  @BeforeEach
  void seed(TestWorkflowEnvironment env, Worker worker) {
    fixture = new ReprotectFixture(ReprotectFixture.scenario().build());
    fixture.register(env, worker);
    env.start();
  }

  @AfterEach
  void closeFixture() {
    fixture.close();
  }

  private ProtectionPlan review(TestWorkflowEnvironment env, Worker worker) {
    return env.getWorkflowClient()
        .newWorkflowStub(
            PlanReviewWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(
                    WorkflowIds.planReview(fixture.scenario.vault(), fixture.scenario.vm(), "test"))
                .setTaskQueue(worker.getTaskQueue())
                .build())
        .review(fixture.request());
  }

  @Test
  void aJobStartedWithTheReviewedDigestRunsThatPlanAndRecordsIt(
      TestWorkflowEnvironment env, Worker worker) {
    ProtectionPlan reviewed = review(env, worker);

    ProtectionSummary summary =
        fixture
            .newWorkflow(env.getWorkflowClient())
            .reprotect(fixture.request().withReviewedPlan(PlanDigest.shortForm(reviewed.digest())));

    assertThat(summary.state()).isEqualTo("Protected");
    assertThat(summary.planDigest()).isEqualTo(reviewed.digest());
    Job<ProtectionStep, ProtectionPlan> job =
        fixture.newWorkflowStubForQuery(env.getWorkflowClient()).job();
    assertThat(job.planDigest()).isEqualTo(reviewed.digest());
    assertThat(job.plan()).isEqualTo(reviewed);
    assertThat(job.steps())
        .filteredOn(step -> step.step() == ProtectionStep.CheckPrerequisites)
        .singleElement()
        .extracting(JobStep::detail)
        .asString()
        .contains("plan " + PlanDigest.shortForm(reviewed.digest()));
  }

  @Test
  void aPlanThatChangedSinceTheReviewIsRefusedWithPlanChangedAndChangesNothing(
      TestWorkflowEnvironment env, Worker worker) {
    ProtectionPlan reviewed = review(env, worker);
    TargetVmPlan targetVm = reviewed.targetVm();
    // After the review, someone turns the target VM off: the job would skip the power-off.
    fixture.azure.compute().powerOff(OPERATOR, targetVm.resourceGroup(), targetVm.name());
    String before = fixture.azure.exportState();
    int logged = fixture.azure.metering().activityLog().size();

    WorkflowFailedException thrown =
        catchThrowableOfType(
            WorkflowFailedException.class,
            () ->
                fixture
                    .newWorkflow(env.getWorkflowClient())
                    .reprotect(fixture.request().withReviewedPlan(reviewed.digest())));

    String code = ReprotectErrorCode.PlanChanged.name();
    assertThat(ReprotectFixture.applicationFailure(thrown, code)).isPresent();
    assertThat(fixture.azure.exportState()).as("the backend's state").isEqualTo(before);
    assertThat(fixture.azure.metering().activityLog()).as("the activity log").hasSize(logged);
    ReplicatedItem item = fixture.item();
    assertThat(item.runningOperation()).as("the item is not claimed").isNull();
    assertThat(item.state()).isEqualTo(ProtectionState.FailoverCommitted);
    Job<ProtectionStep, ProtectionPlan> job =
        fixture.newWorkflowStubForQuery(env.getWorkflowClient()).job();
    assertThat(job.state()).isEqualTo(JobState.Failed);
    assertThat(job.errorCode()).isEqualTo(code);
    assertThat(job.errorMessage()).contains(PlanDigest.shortForm(reviewed.digest()));
    assertThat(job.plan()).as("no plan was run").isNull();
  }
}
