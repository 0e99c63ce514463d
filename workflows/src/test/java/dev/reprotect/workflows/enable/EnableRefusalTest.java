package dev.reprotect.workflows.enable;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reprotect.activities.ProtectionPlan;
import dev.reprotect.activities.enable.EnableRequest;
import dev.reprotect.azure.Caller;
import dev.reprotect.azure.sim.Scenario;
import dev.reprotect.workflows.job.Job;
import dev.reprotect.workflows.job.JobState;
import dev.reprotect.workflows.job.JobStep;
import dev.reprotect.workflows.job.StepState;
import dev.reprotect.workflows.reprotect.ProtectionStep;
import dev.reprotect.workflows.reprotect.ReprotectFixture;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every refusal of an enable has its code and changes nothing: the backend's state and activity log
 * are compared before and after.
 */
class EnableRefusalTest {
  @RegisterExtension static final TestWorkflowExtension temporal = ReprotectFixture.temporal();

  private static final Caller OPERATOR = Caller.of("enable-refusal-test");

  private EnableFixture world;

  /** A world, its change before the request, the request, and the code expected. */
  record Refused(
      String name,
      String code,
      Scenario scenario,
      Consumer<EnableFixture> setUp,
      Function<EnableFixture, EnableRequest> request) {
    @Override
    public String toString() {
      return code + ": " + name;
    }
  }

  static Stream<Refused> refusals() {
    Scenario unprotected = ReprotectFixture.scenario().unprotected(true).build();
    Consumer<EnableFixture> asSeeded = w -> {};
    return Stream.of(
        new Refused(
            "a vault that does not exist",
            "ItemNotFound",
            unprotected,
            asSeeded,
            w -> EnableRequest.of("no-such-vault", w.vm())),
        new Refused(
            "a VM that exists nowhere",
            "SourceVmNotFound",
            unprotected,
            asSeeded,
            w -> EnableRequest.of(w.vault(), "ghost")),
        new Refused(
            "a VM that is stopped",
            "SourceVmNotRunning",
            unprotected,
            w -> w.world.azure.compute().powerOff(OPERATOR, w.sourceVm().resourceGroup(), w.vm()),
            EnableFixture::request),
        new Refused(
            "a VM the vault has an item of already",
            "AlreadyEnabled",
            ReprotectFixture.scenario().build(),
            asSeeded,
            EnableFixture::request),
        new Refused(
            "a VM whose network is mapped to no region",
            "NetworkMappingMissing",
            ReprotectFixture.scenario().unprotected(true).networkMapped(false).build(),
            asSeeded,
            EnableFixture::request),
        new Refused(
            "a target region in an outage",
            "TargetRegionUnavailable",
            ReprotectFixture.scenario().unprotected(true).targetRegionAvailable(false).build(),
            asSeeded,
            EnableFixture::request),
        new Refused(
            "a retention beyond 15 days",
            "InvalidPolicy",
            unprotected,
            asSeeded,
            w -> w.request().withPolicy(16, 60)),
        new Refused(
            "app-consistent points 30 minutes apart",
            "InvalidPolicy",
            unprotected,
            asSeeded,
            w -> w.request().withPolicy(1, 30)),
        new Refused(
            "a scrub interval beyond a year",
            "InvalidPolicy",
            unprotected,
            asSeeded,
            w -> w.request().withScrubIntervalDays(366)));
  }

  @AfterEach
  void close() {
    if (world != null) {
      world.close();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusals")
  void aRefusalHasItsCodeAndChangesNothing(
      Refused refused, TestWorkflowEnvironment env, Worker worker) {
    world = new EnableFixture(env, worker, refused.scenario());
    refused.setUp().accept(world);
    EnableRequest request = refused.request().apply(world);

    world.world.assertRefusedChangingNothing(refused.code(), () -> world.enable(request));

    Job<ProtectionStep, ProtectionPlan> job = world.job();
    assertThat(job.state()).isEqualTo(JobState.Failed);
    assertThat(job.errorCode()).isEqualTo(refused.code());
    assertThat(job.steps())
        .filteredOn(step -> step.step() != ProtectionStep.CheckPrerequisites)
        .extracting(JobStep::state)
        .containsOnly(StepState.NotStarted);
  }
}
