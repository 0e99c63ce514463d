package dev.reprotect.workflows.disable;

import dev.reprotect.activities.ReprotectErrorCode;
import dev.reprotect.azure.AzureErrorCode;
import dev.reprotect.azure.Caller;
import dev.reprotect.azure.ProtectionState;
import dev.reprotect.azure.sim.Scenario;
import dev.reprotect.workflows.reprotect.ReprotectFixture;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A refused disable changes nothing: not one resource, point or blob deleted, nothing logged. */
class DisableRefusalTest {
  @RegisterExtension static final TestWorkflowExtension temporal = ReprotectFixture.temporal();

  @AutoClose private DisableFixture world;

  @Test
  void anItemTheVaultDoesNotHaveIsItemNotFound(TestWorkflowEnvironment env, Worker worker) {
    world = new DisableFixture(env, worker, ReprotectFixture.scenario().build());
    world.world.assertRefusedChangingNothing(
        ReprotectErrorCode.ItemNotFound.name(), () -> world.disable("no-such-vm"));
  }

  @Test
  void anItemBusyWithAnotherOperationIsOperationInProgress(
      TestWorkflowEnvironment env, Worker worker) {
    world = new DisableFixture(env, worker, ReprotectFixture.scenario().itemBusy(true).build());
    world.world.assertRefusedChangingNothing(
        ReprotectErrorCode.OperationInProgress.name(), world::disable);
  }

  /** Its VM runs from a recovery point: the points are what a change of point needs. */
  @Test
  void aFailedOverItemIsFailoverNotCommitted(TestWorkflowEnvironment env, Worker worker) {
    world = new DisableFixture(env, worker, scenarioIn(ProtectionState.FailedOver));
    world.world.assertRefusedChangingNothing(
        AzureErrorCode.FailoverNotCommitted.name(), world::disable);
  }

  @Test
  void anItemWhoseFailoverFailedIsFailoverNotCommitted(TestWorkflowEnvironment env, Worker worker) {
    world = new DisableFixture(env, worker, scenarioIn(ProtectionState.FailoverFailed));
    world.world.assertRefusedChangingNothing(
        AzureErrorCode.FailoverNotCommitted.name(), world::disable);
  }

  /** A drill's copy is up in the target region: its cleanup finds it from the item's record. */
  @Test
  void anItemWithALiveDrillIsTestFailoverInProgress(TestWorkflowEnvironment env, Worker worker) {
    world = new DisableFixture(env, worker, scenarioIn(ProtectionState.Protected));
    world
        .world
        .azure
        .recoveryServices()
        .putReplicatedItem(Caller.of("drill"), world.world.item().withTestFailoverLive(true));
    world.world.assertRefusedChangingNothing(
        AzureErrorCode.TestFailoverInProgress.name(), world::disable);
  }

  private static Scenario scenarioIn(ProtectionState state) {
    return ReprotectFixture.scenario().itemState(state).build();
  }
}
