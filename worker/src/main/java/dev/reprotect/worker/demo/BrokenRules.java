package dev.reprotect.worker.demo;

import dev.reprotect.activities.Customization;
import dev.reprotect.activities.PlanDigest;
import dev.reprotect.activities.ReprotectErrorCode;
import dev.reprotect.activities.ReprotectRequest;
import dev.reprotect.azure.ProtectionState;
import dev.reprotect.azure.sim.Scenario;

/**
 * How the demo breaks one prerequisite: most rules by the world the seeder builds, the rest by the
 * request it sends. The validator is never told; it finds the broken rule itself.
 */
public final class BrokenRules {
  private BrokenRules() {}

  public static Scenario.Builder breakWorld(ReprotectErrorCode code, Scenario.Builder world) {
    return switch (code) {
      case OperationInProgress -> world.itemBusy(true);
      case AlreadyProtected -> world.itemState(ProtectionState.Protected);
      case FailoverNotCommitted -> world.itemState(ProtectionState.FailedOver);
      case MigrationCompleted -> world.migrationCompleted(true);
      case SourceVmDeleted -> world.sourceVm(Scenario.SourceVm.Deleted);
      case SourceVmMoved -> world.sourceVm(Scenario.SourceVm.Moved);
      case TargetRegionUnavailable -> world.targetRegionAvailable(false);
      case NetworkMappingMissing -> world.networkMapped(false);
      case RecoveryPlanNotSupported,
          ItemNotFound,
          NetworkNotCustomizable,
          InvalidCustomization,
          PlanChanged ->
          world;
    };
  }

  public static ReprotectRequest breakRequest(ReprotectErrorCode code, Scenario world) {
    return switch (code) {
      case RecoveryPlanNotSupported -> ReprotectRequest.of(world.vault(), Scenario.RECOVERY_PLAN);
      case ItemNotFound -> ReprotectRequest.of(world.vault(), world.vm() + "-unknown");
      case NetworkNotCustomizable ->
          new ReprotectRequest(
              world.vault(),
              world.vm(),
              new Customization(null, null, null, null, "vnet-elsewhere"));
      case InvalidCustomization ->
          new ReprotectRequest(
              world.vault(),
              world.vm(),
              new Customization(null, "Not_A_Valid_Account", null, null, null));
      // As if the reviewed plan were another world's: no plan of this one has that digest.
      case PlanChanged ->
          ReprotectRequest.of(world.vault(), world.vm())
              .withReviewedPlan("0".repeat(PlanDigest.MIN_PREFIX));
      default -> ReprotectRequest.of(world.vault(), world.vm());
    };
  }
}
