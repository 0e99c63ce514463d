package dev.reprotect.workflows.failover;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reprotect.activities.failover.FailoverPlan;
import dev.reprotect.activities.failover.FailoverRequest;
import dev.reprotect.activities.failover.PointSelector;
import dev.reprotect.azure.BlobRef;
import dev.reprotect.azure.Caller;
import dev.reprotect.azure.PowerState;
import dev.reprotect.azure.ReplicatedItem;
import dev.reprotect.azure.VirtualMachine;
import dev.reprotect.azure.VirtualNetwork;
import dev.reprotect.azure.VmDisk;
import dev.reprotect.workflows.job.Job;
import dev.reprotect.workflows.job.JobState;
import dev.reprotect.workflows.job.JobStep;
import dev.reprotect.workflows.job.StepState;
import dev.reprotect.workflows.reprotect.ReprotectFixture;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every refusal of a failover, change of point or commit has its code and changes nothing: the
 * backend's state and activity log are compared before and after.
 */
class FailoverRefusalTest {
  @RegisterExtension static final TestWorkflowExtension temporal = ReprotectFixture.temporal();

  private static final Caller OPERATOR = Caller.of("failover-refusal-test");

  private FailoverFixture world;

  /** A world (set up from the seeded, failed-over one), a request, and the code expected. */
  record Refused(
      String name,
      String code,
      Consumer<FailoverFixture> setUp,
      Function<FailoverFixture, FailoverRequest> request) {
    @Override
    public String toString() {
      return code + ": " + name;
    }
  }

  static Stream<Refused> refusals() {
    Consumer<FailoverFixture> protectedItem = FailoverFixture::protectWithoutCycles;
    return Stream.of(
        new Refused(
            "a failover of an item that is not protected",
            "NotProtected",
            w -> {},
            w -> FailoverRequest.failover(w.vault(), w.vm(), PointSelector.LATEST, false)),
        new Refused(
            "a commit of a protected item",
            "NotFailedOver",
            protectedItem,
            w -> FailoverRequest.commit(w.vault(), w.vm())),
        new Refused(
            "a change of point of a protected item",
            "NotFailedOver",
            protectedItem,
            w -> FailoverRequest.changePoint(w.vault(), w.vm(), w.points().get(0).id())),
        new Refused(
            "a failover to a point that does not exist",
            "RecoveryPointNotFound",
            protectedItem,
            w -> FailoverRequest.failover(w.vault(), w.vm(), "no-such-point", true)),
        new Refused(
            "a failover of an item the vault does not have",
            "ItemNotFound",
            protectedItem,
            w -> FailoverRequest.failover(w.vault(), "ghost", PointSelector.LATEST, false)),
        new Refused(
            "a failover without a network mapping",
            "NetworkMappingMissing",
            w -> {
              w.protectWithoutCycles();
              ReplicatedItem item = w.item();
              VirtualMachine vm = w.activeVm();
              w.reprotect
                  .azure
                  .network()
                  .deleteNetworkMapping(
                      OPERATOR, item.source().region(), vm.networkId(), item.target().region());
            },
            w -> FailoverRequest.failover(w.vault(), w.vm(), PointSelector.LATEST, true)),
        new Refused(
            "a failover onto a VM of the item's name it did not make",
            "RecoveryVmNameTaken",
            w -> {
              w.protectWithoutCycles();
              someonesVm(w, w.vm());
            },
            w -> FailoverRequest.failover(w.vault(), w.vm(), PointSelector.LATEST, true)),
        new Refused(
            "a failover while a test failover is live",
            "TestFailoverInProgress",
            w -> {
              w.protectWithoutCycles();
              w.run(FailoverRequest.testFailover(w.vault(), w.vm(), PointSelector.LATEST));
            },
            w -> FailoverRequest.failover(w.vault(), w.vm(), PointSelector.LATEST, true)));
  }

  /**
   * {@code latest} is a cut of the source VM taken now: with the VM deleted, or its region down,
   * there is none to take, while the points already shipped are still there to fail over to.
   */
  static Stream<Refused> latestWithoutASourceToCut() {
    return Stream.of(
        new Refused(
            "a failover to latest of an item whose source VM was deleted",
            "SourceVmDeleted",
            w -> {
              w.protectWithoutCycles();
              VirtualMachine lost = w.activeVm();
              w.reprotect
                  .azure
                  .compute()
                  .deleteVirtualMachine(OPERATOR, lost.resourceGroup(), lost.name());
            },
            w -> FailoverRequest.failover(w.vault(), w.vm(), PointSelector.LATEST, false)),
        new Refused(
            "a failover to latest while the source region is down",
            "SourceRegionUnavailable",
            w -> {
              w.protectWithoutCycles();
              w.reprotect
                  .azure
                  .resources()
                  .setRegionAvailable(OPERATOR, w.item().source().region(), false);
            },
            w -> FailoverRequest.failover(w.vault(), w.vm(), PointSelector.LATEST, true)));
  }

  /**
   * A VM of {@code name} in the item's recovery resource group that no failover made: its disk is
   * not named as a disk made from a point.
   */
  private static void someonesVm(FailoverFixture w, String name) {
    ReplicatedItem item = w.item();
    VirtualMachine model = w.activeVm();
    BlobRef disk = new BlobRef(item.target().storageAccount(), "vhds", name + "-own-os.vhd");
    w.reprotect.azure.storage().createPageBlob(OPERATOR, disk, 4L << 20);
    w.reprotect
        .azure
        .compute()
        .createVirtualMachine(
            OPERATOR,
            new VirtualMachine(
                item.target().resourceGroup(),
                name,
                item.target().region(),
                PowerState.Running,
                new VmDisk(name + "-own-os", null, disk),
                List.of(),
                model.networkId(),
                null));
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
    assertRefusedBeforeAnythingChanges(refused, env, worker);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("latestWithoutASourceToCut")
  void aFailoverToLatestWithNoSourceToCutIsRefusedNamingThePointsThatStillWork(
      Refused refused, TestWorkflowEnvironment env, Worker worker) {
    Job<FailoverStep, FailoverPlan> job = assertRefusedBeforeAnythingChanges(refused, env, worker);

    assertThat(job.errorMessage())
        .contains(PointSelector.LATEST_PROCESSED, PointSelector.LATEST_APP_CONSISTENT, "point id");
  }

  private Job<FailoverStep, FailoverPlan> assertRefusedBeforeAnythingChanges(
      Refused refused, TestWorkflowEnvironment env, Worker worker) {
    world = new FailoverFixture(env, worker);
    refused.setUp().accept(world);
    FailoverRequest request = refused.request().apply(world);

    world.reprotect.assertRefusedChangingNothing(refused.code(), () -> world.run(request));

    Job<FailoverStep, FailoverPlan> job = world.job();
    assertThat(job.state()).isEqualTo(JobState.Failed);
    assertThat(job.errorCode()).isEqualTo(refused.code());
    assertThat(job.steps())
        .filteredOn(step -> step.step() != FailoverStep.CheckPrerequisites)
        .extracting(JobStep::state)
        .containsOnly(StepState.NotStarted);
    return job;
  }

  /**
   * A drill never takes over, nor deletes in its cleanup, a network named as its isolated network
   * that it did not make.
   */
  @Test
  void aDrillOntoANetworkNamedAsItsOwnThatItDidNotMakeIsRefused(
      TestWorkflowEnvironment env, Worker worker) {
    world = new FailoverFixture(env, worker);
    world.protectWithoutCycles();
    ReplicatedItem item = world.item();
    String name = "vnet-" + world.vm() + "-test-failover";
    world
        .reprotect
        .azure
        .network()
        .createVirtualNetwork(
            OPERATOR,
            new VirtualNetwork(item.target().resourceGroup(), name, item.target().region()));

    world.reprotect.assertRefusedChangingNothing(
        "TestNetworkNameTaken",
        () ->
            world.run(
                FailoverRequest.testFailover(world.vault(), world.vm(), PointSelector.LATEST)));

    assertThat(world.item().testFailoverLive()).as("no drill recorded").isFalse();
    assertThat(world.testFailoverJob().errorMessage()).contains(name, "never taken over");
    assertThat(world.reprotect.azure.network().virtualNetwork(item.target().resourceGroup(), name))
        .isPresent();
  }

  /**
   * A drill never takes over, nor deletes in its cleanup, a VM named as its copy it did not make.
   */
  @Test
  void aDrillOntoAVmNamedAsItsCopyThatItDidNotMakeIsRefused(
      TestWorkflowEnvironment env, Worker worker) {
    world = new FailoverFixture(env, worker);
    world.protectWithoutCycles();
    someonesVm(world, world.vm() + "-test");

    world.reprotect.assertRefusedChangingNothing(
        "RecoveryVmNameTaken",
        () ->
            world.run(
                FailoverRequest.testFailover(world.vault(), world.vm(), PointSelector.LATEST)));

    assertThat(world.item().testFailoverLive()).as("no drill recorded").isFalse();
    assertThat(world.testFailoverJob().errorMessage())
        .contains(world.vm() + "-test", "never overwritten or deleted");
  }

  /**
   * A drill names its copy {@code <vm>-test} and its network {@code vnet-<vm>-test-failover}: from
   * 46 characters the network's name is longer than Azure's 64, from 60 the copy's too.
   */
  @ParameterizedTest(name = "a VM name of {0} characters")
  @ValueSource(ints = {46, 60, 64})
  void aDrillWhoseNamesAzureWouldRefuseIsRefusedBeforeAnythingIsMade(
      int length, TestWorkflowEnvironment env, Worker worker) {
    String vm = "vm-" + "x".repeat(length - 3);
    world = new FailoverFixture(env, worker, ReprotectFixture.scenario().vm(vm).build());
    world.protectWithoutCycles();

    world.reprotect.assertRefusedChangingNothing(
        "TestFailoverNameTooLong",
        () -> world.run(FailoverRequest.testFailover(world.vault(), vm, PointSelector.LATEST)));

    assertThat(world.item().testFailoverLive()).as("no drill recorded").isFalse();
    Job<FailoverStep, FailoverPlan> job = world.testFailoverJob();
    assertThat(job.errorMessage()).contains("at most 45 characters");
    assertThat(job.steps())
        .filteredOn(step -> step.step() != FailoverStep.CheckPrerequisites)
        .extracting(JobStep::state)
        .containsOnly(StepState.NotStarted);
  }
}
