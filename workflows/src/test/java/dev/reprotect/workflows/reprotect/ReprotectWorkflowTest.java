package dev.reprotect.workflows.reprotect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reprotect.activities.ProtectionPlan;
import dev.reprotect.azure.ActivityLogEntry;
import dev.reprotect.azure.BlobRef;
import dev.reprotect.azure.Caller;
import dev.reprotect.azure.Cuts;
import dev.reprotect.azure.ProtectionState;
import dev.reprotect.azure.ReplicaDisk;
import dev.reprotect.azure.ReplicatedItem;
import dev.reprotect.azure.VirtualMachine;
import dev.reprotect.azure.VmCut;
import dev.reprotect.azure.sim.Scenario;
import dev.reprotect.azure.sim.ScenarioSeeder;
import dev.reprotect.workflows.job.Job;
import dev.reprotect.workflows.job.JobState;
import dev.reprotect.workflows.job.JobStep;
import dev.reprotect.workflows.job.StepState;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.sdk.v1.WorkflowMetadata;
import io.temporal.client.WorkflowStub;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ReprotectWorkflowTest {
  /** Reads done by the test itself, metered apart from any job's. */
  private static final Caller READER = Caller.of("reprotectWorkflowTest");

  @RegisterExtension static final TestWorkflowExtension temporal = ReprotectFixture.temporal();

  private ReprotectFixture fixture;

  @AfterEach
  void closeFixture() {
    if (fixture != null) {
      fixture.close();
    }
  }

  private ProtectionSummary run(Scenario scenario, TestWorkflowEnvironment env, Worker worker) {
    fixture = new ReprotectFixture(scenario);
    fixture.register(env, worker);
    env.start();
    return fixture.newWorkflow(env.getWorkflowClient()).reprotect(fixture.request());
  }

  @Test
  void aFinishedJobsCurrentDetailsShowTheOutcomeAndTheStepTable(
      TestWorkflowEnvironment env, Worker worker) {
    Scenario scenario = ReprotectFixture.scenario().build();
    run(scenario, env, worker);

    // What the Web UI shows: the SDK's metadata query, answered from the replayed history.
    String details =
        WorkflowStub.fromTyped(fixture.newWorkflowStubForQuery(env.getWorkflowClient()))
            .query("__temporal_workflow_metadata", WorkflowMetadata.class)
            .getCurrentDetails();

    assertThat(details)
        .startsWith("**Succeeded**: Reprotect of " + scenario.vm())
        .contains("| Step | State | Detail |");
    for (ProtectionStep step : ProtectionStep.values()) {
      assertThat(details)
          .containsPattern("\\| " + Pattern.quote(step.title()) + " \\| (Succeeded|Skipped) \\|");
    }
  }

  @Test
  void reprotectProtectsTheVmInTheReversedDirectionWithEqualDisks(
      TestWorkflowEnvironment env, Worker worker) {
    Scenario scenario = ReprotectFixture.scenario().dataDisks(2).build();
    ProtectionSummary summary = run(scenario, env, worker);

    assertThat(summary.state()).isEqualTo("Protected");
    assertThat(summary.sourceRegion()).isEqualTo("southeastasia");
    assertThat(summary.targetRegion()).isEqualTo("eastasia");
    assertThat(summary.recoveryPoints()).isEqualTo(1);
    assertThat(summary.disks())
        .hasSize(3)
        .allSatisfy(
            disk -> {
              assertThat(disk.targetChecksum()).isEqualTo(disk.sourceChecksum());
              assertThat(disk.seedBytesCopied()).isPositive();
              // Only the changed share crosses: far less than the data on the disk.
              assertThat(disk.bytesTransferred())
                  .isPositive()
                  .isLessThan(disk.allocatedBytes() / 2);
            });

    ReplicatedItem item = fixture.item();
    assertThat(item.state()).isEqualTo(ProtectionState.Protected);
    assertThat(item.runningOperation()).isNull();
    assertThat(item.source().region()).isEqualTo("southeastasia");
    assertThat(item.target().region()).isEqualTo("eastasia");
    assertThat(item.cacheStorageAccount()).isNotNull();
    for (ReplicaDisk replica : item.replicaDisks()) {
      VirtualMachine source = sourceVm();
      BlobRef sourceBlob =
          source.disks().stream()
              .filter(d -> d.slot().equals(replica.slot()))
              .findFirst()
              .orElseThrow()
              .vhd();
      assertThat(fixture.azure.storage().checksum(READER, replica.replica()))
          .isEqualTo(fixture.azure.storage().checksum(READER, sourceBlob));
    }
    assertThat(fixture.azure.compute().virtualMachine(item.target().resourceGroup(), scenario.vm()))
        .isEmpty();
    // The first point is the job's; replication's first cycle may have added one since, now
    // that a cycle reads only what changed.
    assertThat(fixture.azure.recoveryServices().recoveryPoints(scenario.vault(), scenario.vm()))
        .first()
        .satisfies(point -> assertThat(point.cutId()).endsWith(".c0"));

    Job<ProtectionStep, ProtectionPlan> job =
        fixture.newWorkflowStubForQuery(env.getWorkflowClient()).job();
    assertThat(job.state()).isEqualTo(JobState.Succeeded);
    assertThat(job.steps()).extracting(JobStep::state).containsOnly(StepState.Succeeded);
  }

  /**
   * The run tag in the ids of cut 0 and point 0 is the value the history recorded (a side effect),
   * not the run id read again: a reset run, whose run id is new, replays the same tag.
   */
  @Test
  void theRunTagOfTheCutAndPointIdsIsRecordedInTheHistory(
      TestWorkflowEnvironment env, Worker worker) {
    run(ReprotectFixture.scenario().build(), env, worker);

    List<String> recorded =
        env.getWorkflowClient().fetchHistory(fixture.workflowId()).getEvents().stream()
            .filter(HistoryEvent::hasMarkerRecordedEventAttributes)
            .map(HistoryEvent::getMarkerRecordedEventAttributes)
            .filter(marker -> marker.getMarkerName().equals("SideEffect"))
            .map(
                marker ->
                    DefaultDataConverter.STANDARD_INSTANCE.fromPayloads(
                        0,
                        Optional.of(marker.getDetailsOrThrow("data")),
                        String.class,
                        String.class))
            .toList();
    assertThat(recorded).hasSize(1);
    String tag = "r" + recorded.get(0).substring(0, 8);
    // The replication the job started may have run a cycle by now (the test server skips time
    // while the client awaits the job): its cuts and points carry the same tag.
    assertThat(
            new Cuts(fixture.azure)
                .list(fixture.item().source().resourceGroup(), fixture.scenario.vm()))
        .extracting(VmCut::id)
        .contains(tag + ".c0")
        .allMatch(id -> id.startsWith(tag + ".c"));
    assertThat(
            fixture
                .azure
                .recoveryServices()
                .recoveryPoints(fixture.scenario.vault(), fixture.scenario.vm()))
        .extracting(point -> point.id())
        .contains(tag + ".p0")
        .allMatch(id -> id.startsWith(tag + ".p"));
  }

  @Test
  void reprotectOfAStoppedTargetSkipsThePowerOff(TestWorkflowEnvironment env, Worker worker) {
    ProtectionSummary summary =
        run(ReprotectFixture.scenario().targetVm(Scenario.TargetVm.Stopped).build(), env, worker);

    assertThat(summary.state()).isEqualTo("Protected");
    assertThat(fixture.jobLog())
        .extracting(ActivityLogEntry::operation)
        .noneMatch(op -> op.endsWith("powerOff/action"));
    Job<ProtectionStep, ProtectionPlan> job =
        fixture.newWorkflowStubForQuery(env.getWorkflowClient()).job();
    assertThat(stepState(job, ProtectionStep.StopTargetVm)).isEqualTo(StepState.Skipped);
    assertThat(stepState(job, ProtectionStep.CopySeedBlobs)).isEqualTo(StepState.Succeeded);
  }

  @Test
  void withoutATargetVmEveryDiskIsCopiedInFull(TestWorkflowEnvironment env, Worker worker) {
    ProtectionSummary summary =
        run(ReprotectFixture.scenario().targetVm(Scenario.TargetVm.Deleted).build(), env, worker);

    assertThat(summary.disks())
        .allSatisfy(
            disk -> {
              assertThat(disk.targetChecksum()).isEqualTo(disk.sourceChecksum());
              assertThat(disk.seedBytesCopied()).isZero();
              assertThat(disk.bytesTransferred()).isGreaterThanOrEqualTo(disk.allocatedBytes());
            });
    Job<ProtectionStep, ProtectionPlan> job =
        fixture.newWorkflowStubForQuery(env.getWorkflowClient()).job();
    assertThat(
            List.of(
                ProtectionStep.StopTargetVm,
                ProtectionStep.CopySeedBlobs,
                ProtectionStep.DeleteTargetVm))
        .allSatisfy(step -> assertThat(stepState(job, step)).isEqualTo(StepState.Skipped));
  }

  @Test
  void aSourceDiskResizedAfterTheFailoverResizesItsReplica(
      TestWorkflowEnvironment env, Worker worker) {
    long growth = 4L * ReprotectFixture.BLOCK_SIZE;
    ProtectionSummary summary =
        run(ReprotectFixture.scenario().sourceDataDiskGrowthBytes(growth).build(), env, worker);

    DiskSummary data =
        summary.disks().stream().filter(d -> d.name().endsWith("-data0")).findFirst().orElseThrow();
    assertThat(data.sizeBytes()).isEqualTo(ReprotectFixture.DISK_SIZE + growth);
    assertThat(data.targetChecksum()).isEqualTo(data.sourceChecksum());
  }

  @Test
  void aFailbackInTheOtherDirectionIsTheSameOperation(TestWorkflowEnvironment env, Worker worker) {
    ProtectionSummary summary =
        run(ReprotectFixture.scenario().regions("eastasia", "southeastasia").build(), env, worker);

    assertThat(summary.sourceRegion()).isEqualTo("eastasia");
    assertThat(summary.targetRegion()).isEqualTo("southeastasia");
    assertThat(summary.disks())
        .allSatisfy(disk -> assertThat(disk.targetChecksum()).isEqualTo(disk.sourceChecksum()));
  }

  @Test
  void eachMutatingOperationOfTheJobIsAppliedExactlyOnce(
      TestWorkflowEnvironment env, Worker worker) {
    run(ReprotectFixture.scenario().dataDisks(2).build(), env, worker);

    Map<String, Long> applied =
        fixture.jobLog().stream()
            .collect(
                Collectors.groupingBy(
                    entry -> entry.operation() + " " + entry.resourceId(), Collectors.counting()));
    assertThat(applied)
        .isNotEmpty()
        .allSatisfy((operation, count) -> assertThat(count).as(operation).isEqualTo(1));
    assertThat(applied)
        .containsKey("Microsoft.Compute/virtualMachines/delete " + sourceVmIdOnTargetSide());
  }

  private String sourceVmIdOnTargetSide() {
    Scenario s = fixture.scenario;
    return dev.reprotect.azure.ResourceIds.virtualMachine(
        ScenarioSeeder.resourceGroupName(s.vm(), s.targetRegion()), s.vm());
  }

  private VirtualMachine sourceVm() {
    ReplicatedItem item = fixture.item();
    return fixture
        .azure
        .compute()
        .virtualMachine(item.source().resourceGroup(), item.name())
        .orElseThrow();
  }

  static StepState stepState(Job<ProtectionStep, ProtectionPlan> job, ProtectionStep step) {
    Map<ProtectionStep, JobStep<ProtectionStep>> steps =
        job.steps().stream().collect(Collectors.toMap(JobStep::step, Function.identity()));
    return steps.get(step).state();
  }
}
