package dev.reprotect.workflows.reprotect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reprotect.activities.PlannedDisk;
import dev.reprotect.activities.ProtectionPlan;
import dev.reprotect.activities.plan.ReprotectPlanner;
import dev.reprotect.azure.BlobRef;
import dev.reprotect.azure.Caller;
import dev.reprotect.azure.ProtectionState;
import dev.reprotect.azure.ReplicaDisk;
import dev.reprotect.azure.ReplicatedItem;
import dev.reprotect.azure.ResourceIds;
import dev.reprotect.azure.VirtualMachine;
import dev.reprotect.azure.VmDisk;
import dev.reprotect.azure.sim.Scenario;
import dev.reprotect.azure.sim.ScenarioSeeder;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What a finished reprotect leaves on the item, and what the next cycle's plan makes of it. */
class PlanTimeDecisionsTest {
  @RegisterExtension static final TestWorkflowExtension temporal = ReprotectFixture.temporal();

  private static final Caller LIFECYCLE = Caller.of("failover-and-back");

  private ReprotectFixture fixture;

  @AfterEach
  void closeFixture() {
    fixture.close();
  }

  private void seed(Scenario scenario, TestWorkflowEnvironment env, Worker worker) {
    fixture = new ReprotectFixture(scenario);
    fixture.register(env, worker);
    env.start();
  }

  private void reprotect(TestWorkflowEnvironment env) {
    fixture.newWorkflow(env.getWorkflowClient()).reprotect(fixture.request());
  }

  @Test
  void onceProtectedTheItemNoLongerCountsAsFailoverCommitted(
      TestWorkflowEnvironment env, Worker worker) {
    seed(ReprotectFixture.scenario().build(), env, worker);

    reprotect(env);

    ReplicatedItem item = fixture.item();
    assertThat(item.state()).isEqualTo(ProtectionState.Protected);
    assertThat(item.failoverCommitted()).isFalse();
  }

  @Test
  void theAvailabilitySetChosenIsRecordedOnTheItemsTargetSide(
      TestWorkflowEnvironment env, Worker worker) {
    Scenario scenario = ReprotectFixture.scenario().inAvailabilitySet(true).build();
    String targetGroup = ScenarioSeeder.resourceGroupName(scenario.vm(), scenario.targetRegion());

    seed(scenario, env, worker);

    reprotect(env);

    String recorded = fixture.item().target().availabilitySet();
    assertThat(recorded)
        .isEqualTo(ResourceIds.availabilitySet(targetGroup, "avset-" + scenario.vm()));
    assertThat(fixture.azure.compute().availabilitySet(targetGroup, "avset-" + scenario.vm()))
        .hasValueSatisfying(set -> assertThat(set.id()).isEqualTo(recorded));
  }

  @Test
  void aReplicaLeftByAnEarlierCycleIsNotTakenForThisCyclesOwn(
      TestWorkflowEnvironment env, Worker worker) {
    Scenario scenario = ReprotectFixture.scenario().build();
    seed(scenario, env, worker);
    VirtualMachine staleVm =
        fixture
            .azure
            .compute()
            .virtualMachine(
                ScenarioSeeder.resourceGroupName(scenario.vm(), scenario.targetRegion()),
                scenario.vm())
            .orElseThrow();
    reprotect(env);
    List<BlobRef> earlierReplicas =
        fixture.item().replicaDisks().stream().map(ReplicaDisk::replica).toList();
    failOverAndBack(staleVm);

    ProtectionPlan plan = new ReprotectPlanner(fixture.azure).plan(fixture.request(), null);

    assertThat(plan.disks())
        .hasSize(earlierReplicas.size())
        .allSatisfy(
            disk -> {
              assertThat(earlierReplicas)
                  .as("the first cycle's replicas")
                  .doesNotContain(disk.replica());
              assertThat(disk.replicaExists()).isFalse();
              assertThat(disk.targetDisk()).as("seeded from the stale VM").isNotNull();
            });
    assertThat(earlierReplicas)
        .allSatisfy(
            replica ->
                assertThat(fixture.azure.storage().blob(replica))
                    .as("left by the first cycle")
                    .isPresent());
    assertThat(plan.disks()).extracting(PlannedDisk::slot).containsExactly("os", "lun0");
  }

  /**
   * The item as after a failover to the target region, a reprotect back and a failover to the
   * source region again, committed: the VM runs in the source region, its copy on the target side
   * is stale, and the first cycle's replicas are still in the target account.
   */
  private void failOverAndBack(VirtualMachine staleVm) {
    for (VmDisk disk : staleVm.disks()) {
      fixture.azure.storage().createPageBlob(LIFECYCLE, disk.vhd(), ReprotectFixture.DISK_SIZE);
    }
    fixture.azure.compute().createVirtualMachine(LIFECYCLE, staleVm);
    fixture
        .azure
        .recoveryServices()
        .putReplicatedItem(
            LIFECYCLE,
            fixture.item().withRunningOperation(null, ProtectionState.FailoverCommitted));
  }
}
