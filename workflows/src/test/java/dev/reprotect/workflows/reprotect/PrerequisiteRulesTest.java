package dev.reprotect.workflows.reprotect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.reprotect.activities.Customization;
import dev.reprotect.activities.ProtectionPlan;
import dev.reprotect.activities.ReprotectErrorCode;
import dev.reprotect.activities.ReprotectRequest;
import dev.reprotect.activities.plan.ReprotectPlanner;
import dev.reprotect.azure.ProtectionState;
import dev.reprotect.azure.sim.Scenario;
import dev.reprotect.azure.sim.ScenarioSeeder;
import dev.reprotect.workflows.job.Job;
import dev.reprotect.workflows.job.JobState;
import dev.reprotect.workflows.job.JobStep;
import dev.reprotect.workflows.job.StepState;
import io.temporal.client.WorkflowFailedException;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every prerequisite of the rules table, broken on its own through the workflow: the refusal
 * carries the rule's error code, explains itself, and leaves the backend exactly as it was.
 */
class PrerequisiteRulesTest {
  @RegisterExtension static final TestWorkflowExtension temporal = ReprotectFixture.temporal();

  private static final String SOURCE = "southeastasia";
  private static final String TARGET = "eastasia";

  private ReprotectFixture fixture;

  @AfterEach
  void closeFixture() {
    if (fixture != null) {
      fixture.close();
    }
  }

  /** One way of breaking the rules: how the world is seeded and what is asked of it. */
  record Broken(
      String description,
      ReprotectErrorCode expected,
      UnaryOperator<Scenario.Builder> world,
      Function<ReprotectFixture, ReprotectRequest> request) {
    @Override
    public String toString() {
      return expected + ": " + description;
    }
  }

  private static Broken world(
      ReprotectErrorCode expected, String description, UnaryOperator<Scenario.Builder> world) {
    return new Broken(description, expected, world, ReprotectFixture::request);
  }

  private static Broken asked(
      ReprotectErrorCode expected,
      String description,
      Function<ReprotectFixture, ReprotectRequest> request) {
    return new Broken(description, expected, UnaryOperator.identity(), request);
  }

  private static Broken customised(
      ReprotectErrorCode expected, String description, Customization customization) {
    return asked(expected, description, f -> f.request(customization));
  }

  private static Customization targetAccount(String name) {
    return new Customization(null, name, null, null, null);
  }

  private static Customization cacheAccount(String name) {
    return new Customization(null, null, name, null, null);
  }

  static Stream<Broken> oneRuleBroken() {
    String vm = ReprotectFixture.scenario().build().vm();
    return Stream.of(
        asked(
            ReprotectErrorCode.RecoveryPlanNotSupported,
            "the request names a recovery plan",
            f -> ReprotectRequest.of(f.scenario.vault(), Scenario.RECOVERY_PLAN)),
        asked(
            ReprotectErrorCode.ItemNotFound,
            "the vault has no such item",
            f -> ReprotectRequest.of(f.scenario.vault(), "web-99")),
        asked(
            ReprotectErrorCode.ItemNotFound,
            "there is no such vault",
            f -> ReprotectRequest.of("fabrikam", f.scenario.vm())),
        asked(
            ReprotectErrorCode.ItemNotFound,
            "the VM name is not a valid name",
            f -> ReprotectRequest.of(f.scenario.vault(), "web 01/../etc")),
        world(
            ReprotectErrorCode.OperationInProgress,
            "another operation runs on the item",
            w -> w.itemBusy(true)),
        world(
            ReprotectErrorCode.AlreadyProtected,
            "the item is protected already",
            w -> w.itemState(ProtectionState.Protected)),
        world(
            ReprotectErrorCode.FailoverNotCommitted,
            "the failover is not committed",
            w -> w.itemState(ProtectionState.FailedOver)),
        world(
            ReprotectErrorCode.MigrationCompleted,
            "the VM was migrated",
            w -> w.migrationCompleted(true)),
        world(
            ReprotectErrorCode.SourceVmDeleted,
            "the active VM was deleted",
            w -> w.sourceVm(Scenario.SourceVm.Deleted)),
        world(
            ReprotectErrorCode.SourceVmMoved,
            "the active VM moved to another resource group",
            w -> w.sourceVm(Scenario.SourceVm.Moved)),
        world(
            ReprotectErrorCode.TargetRegionUnavailable,
            "the target region is down",
            w -> w.targetRegionAvailable(false)),
        world(
            ReprotectErrorCode.NetworkMappingMissing,
            "the pair has no network mapping",
            w -> w.networkMapped(false)),
        customised(
            ReprotectErrorCode.NetworkNotCustomizable,
            "another target network is asked",
            new Customization(null, null, null, null, "some-other-vnet")),
        customised(
            ReprotectErrorCode.InvalidCustomization,
            "an invalid storage account name",
            targetAccount("Not_A_Valid_Account")),
        customised(
            ReprotectErrorCode.InvalidCustomization,
            "a cache account that exists in the target region",
            cacheAccount(ScenarioSeeder.storageAccountName(vm, TARGET))),
        customised(
            ReprotectErrorCode.InvalidCustomization,
            "a target account that exists in the source region",
            targetAccount(ScenarioSeeder.storageAccountName(vm, SOURCE))),
        customised(
            ReprotectErrorCode.InvalidCustomization,
            "one account as both cache and target",
            new Customization(null, "stsameforboth", "stsameforboth", null, null)),
        customised(
            ReprotectErrorCode.InvalidCustomization,
            "an invalid resource group name",
            new Customization("rg/with/slashes", null, null, null, null)),
        customised(
            ReprotectErrorCode.InvalidCustomization,
            "an availability set for a VM that is in none",
            new Customization(null, null, null, "avset-new", null)),
        new Broken(
            "an availability set that exists in the source region",
            ReprotectErrorCode.InvalidCustomization,
            w -> w.inAvailabilitySet(true),
            f ->
                f.request(
                    new Customization(
                        ScenarioSeeder.resourceGroupName(f.scenario.vm(), SOURCE),
                        null,
                        null,
                        "avset-" + f.scenario.vm(),
                        null))),
        new Broken(
            "an invalid availability set name",
            ReprotectErrorCode.InvalidCustomization,
            w -> w.inAvailabilitySet(true),
            f -> f.request(new Customization(null, null, null, "not a valid set!", null))),
        asked(
            ReprotectErrorCode.PlanChanged,
            "the plan reviewed was another resource group's",
            f ->
                f.request()
                    .withReviewedPlan(
                        new ReprotectPlanner(f.azure)
                            .plan(
                                f.request(new Customization("rg-reviewed", null, null, null, null)),
                                null)
                            .digest())));
  }

  @Test
  void everyErrorCodeHasACaseThatBreaksItsRule() {
    Set<ReprotectErrorCode> covered =
        oneRuleBroken()
            .map(Broken::expected)
            .collect(Collectors.toCollection(() -> EnumSet.noneOf(ReprotectErrorCode.class)));
    assertThat(covered)
        .containsExactlyInAnyOrderElementsOf(Arrays.asList(ReprotectErrorCode.values()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("oneRuleBroken")
  void aBrokenRuleIsRefusedWithItsCodeAndChangesNothing(
      Broken broken, TestWorkflowEnvironment env, Worker worker) {
    assertRefused(broken, env, worker);
  }

  /** Two rules broken at once: the one earlier in the table is reported. */
  static Stream<Broken> twoRulesBroken() {
    return Stream.of(
        new Broken(
            "a recovery plan of a busy item",
            ReprotectErrorCode.RecoveryPlanNotSupported,
            w -> w.itemBusy(true),
            f -> ReprotectRequest.of(f.scenario.vault(), Scenario.RECOVERY_PLAN)),
        world(
            ReprotectErrorCode.OperationInProgress,
            "busy and protected already",
            w -> w.itemBusy(true).itemState(ProtectionState.Protected)),
        world(
            ReprotectErrorCode.FailoverNotCommitted,
            "uncommitted and the active VM is gone",
            w -> w.itemState(ProtectionState.FailedOver).sourceVm(Scenario.SourceVm.Deleted)),
        world(
            ReprotectErrorCode.MigrationCompleted,
            "migrated and the target region is down",
            w -> w.migrationCompleted(true).targetRegionAvailable(false)),
        world(
            ReprotectErrorCode.SourceVmMoved,
            "moved and no network mapping",
            w -> w.sourceVm(Scenario.SourceVm.Moved).networkMapped(false)),
        world(
            ReprotectErrorCode.TargetRegionUnavailable,
            "target region down and no mapping",
            w -> w.targetRegionAvailable(false).networkMapped(false)),
        new Broken(
            "no mapping and another network asked",
            ReprotectErrorCode.NetworkMappingMissing,
            w -> w.networkMapped(false),
            f -> f.request(new Customization(null, null, null, null, "some-other-vnet"))),
        customised(
            ReprotectErrorCode.NetworkNotCustomizable,
            "another network and an invalid account name",
            new Customization(null, "Not_Valid", null, null, "some-other-vnet")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("twoRulesBroken")
  void ofTwoBrokenRulesTheOneEarlierInTheTableIsReported(
      Broken broken, TestWorkflowEnvironment env, Worker worker) {
    assertRefused(broken, env, worker);
  }

  private void assertRefused(Broken broken, TestWorkflowEnvironment env, Worker worker) {
    fixture = new ReprotectFixture(broken.world().apply(ReprotectFixture.scenario()).build());
    fixture.register(env, worker);
    env.start();
    String before = fixture.azure.exportState();
    int logged = fixture.azure.metering().activityLog().size();
    ReprotectRequest request = broken.request().apply(fixture);
    String code = broken.expected().name();

    WorkflowFailedException thrown =
        catchThrowableOfType(
            WorkflowFailedException.class,
            () -> fixture.newWorkflow(env.getWorkflowClient()).reprotect(request));

    assertThat(thrown).as("the reprotect is refused").isNotNull();
    ApplicationFailure failure =
        ReprotectFixture.applicationFailure(thrown, code)
            .orElseThrow(
                () ->
                    new AssertionError(
                        "no ApplicationFailure of type "
                            + code
                            + " in the cause chain of "
                            + thrown,
                        thrown));
    assertThat(thrown.getCause()).as("the workflow's own failure").isSameAs(failure);
    assertThat(failure.isNonRetryable()).isTrue();
    assertHumanReadable(failure.getOriginalMessage());

    assertThat(fixture.azure.exportState()).as("the backend's state").isEqualTo(before);
    assertThat(fixture.azure.metering().activityLog()).as("the activity log").hasSize(logged);

    Job<ProtectionStep, ProtectionPlan> job =
        fixture.newWorkflowStubForQuery(env.getWorkflowClient()).job();
    assertThat(job.state()).isEqualTo(JobState.Failed);
    assertThat(job.errorCode()).isEqualTo(code);
    assertThat(job.errorMessage()).isEqualTo(failure.getOriginalMessage());
    assertThat(job.endTime()).isNotNull();
    assertThat(ReprotectWorkflowTest.stepState(job, ProtectionStep.CheckPrerequisites))
        .isEqualTo(StepState.Failed);
    assertThat(job.steps())
        .filteredOn(step -> step.step() != ProtectionStep.CheckPrerequisites)
        .extracting(JobStep::state)
        .containsOnly(StepState.NotStarted);
    @SuppressWarnings("unchecked")
    Job<ProtectionStep, ProtectionPlan> reported =
        failure.getDetails().get(Job.class, Job.type(ProtectionStep.class, ProtectionPlan.class));
    assertThat(reported.state()).isEqualTo(JobState.Failed);
    assertThat(reported.errorCode()).isEqualTo(code);
  }

  private static void assertHumanReadable(String message) {
    assertThat(message)
        .isNotBlank()
        .hasSizeGreaterThan(20)
        .contains(" ")
        .doesNotContain("Exception")
        .doesNotStartWith("io.temporal")
        .doesNotContain("null");
  }
}
