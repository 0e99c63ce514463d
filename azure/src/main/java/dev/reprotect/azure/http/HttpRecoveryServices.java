package dev.reprotect.azure.http;

import dev.reprotect.azure.Caller;
import dev.reprotect.azure.ItemClaimState;
import dev.reprotect.azure.ProtectionState;
import dev.reprotect.azure.RecoveryPlan;
import dev.reprotect.azure.RecoveryPoint;
import dev.reprotect.azure.RecoveryPointPruning;
import dev.reprotect.azure.RecoveryPointType;
import dev.reprotect.azure.RecoveryServicesApi;
import dev.reprotect.azure.ReplicaCuts;
import dev.reprotect.azure.ReplicaDisk;
import dev.reprotect.azure.ReplicatedItem;
import dev.reprotect.azure.RunningOperation;
import dev.reprotect.azure.ScrubRecord;
import dev.reprotect.azure.Vault;
import dev.reprotect.azure.arm.ArmJson;
import dev.reprotect.azure.arm.ArmPaths;
import dev.reprotect.azure.arm.RecoveryServicesJson;
import java.util.List;
import java.util.Optional;

final class HttpRecoveryServices implements RecoveryServicesApi {
  private final ArmHttpClient client;

  HttpRecoveryServices(ArmHttpClient client) {
    this.client = client;
  }

  @Override
  public Optional<Vault> vault(String name) {
    return client.find(ArmPaths.VAULT_BY_NAME, name).map(RecoveryServicesJson::vault);
  }

  @Override
  public List<Vault> vaults() {
    return ArmJson.fromList(client.get(ArmPaths.VAULTS.expand()), RecoveryServicesJson::vault);
  }

  @Override
  public Vault createVault(Caller caller, Vault vault) {
    return RecoveryServicesJson.vault(
        client.put(
            caller,
            ArmPaths.VAULT.expand(vault.resourceGroup(), vault.name()),
            RecoveryServicesJson.vault(vault)));
  }

  @Override
  public Optional<ReplicatedItem> replicatedItem(String vault, String name) {
    return client
        .find(ArmPaths.REPLICATED_ITEM, vault, name)
        .map(RecoveryServicesJson::replicatedItem);
  }

  @Override
  public List<ReplicatedItem> replicatedItems(String vault) {
    return ArmJson.fromList(
        client.get(ArmPaths.REPLICATED_ITEMS.expand(vault)), RecoveryServicesJson::replicatedItem);
  }

  @Override
  public ReplicatedItem putReplicatedItem(Caller caller, ReplicatedItem item) {
    return RecoveryServicesJson.replicatedItem(
        client.put(
            caller,
            ArmPaths.REPLICATED_ITEM.expand(item.vault(), item.name()),
            RecoveryServicesJson.replicatedItem(item)));
  }

  @Override
  public void deleteReplicatedItem(Caller caller, String vault, String item, String operationId) {
    client.delete(
        caller,
        ArmPaths.REPLICATED_ITEM.expand(vault, item) + ArmPaths.query("operationId", operationId));
  }

  @Override
  public ReplicatedItem claimOperation(
      Caller caller,
      String vault,
      String item,
      RunningOperation operation,
      ItemClaimState expected,
      ProtectionState newState) {
    return RecoveryServicesJson.replicatedItem(
        client.post(
            caller,
            ArmPaths.CLAIM_OPERATION.expand(vault, item),
            RecoveryServicesJson.claimRequest(operation, expected, newState)));
  }

  @Override
  public ReplicatedItem releaseOperation(
      Caller caller,
      String vault,
      String item,
      String operationId,
      String runId,
      ProtectionState newState) {
    return RecoveryServicesJson.replicatedItem(
        client.post(
            caller,
            ArmPaths.RELEASE_OPERATION.expand(vault, item),
            RecoveryServicesJson.releaseRequest(operationId, runId, newState)));
  }

  @Override
  public ReplicatedItem releaseStaleOperation(
      Caller caller, String vault, String item, RunningOperation stale, ProtectionState newState) {
    return RecoveryServicesJson.replicatedItem(
        client.post(
            caller,
            ArmPaths.RELEASE_STALE_OPERATION.expand(vault, item),
            RecoveryServicesJson.releaseStaleRequest(stale, newState)));
  }

  @Override
  public Optional<RecoveryPlan> recoveryPlan(String vault, String name) {
    return client.find(ArmPaths.RECOVERY_PLAN, vault, name).map(RecoveryServicesJson::recoveryPlan);
  }

  @Override
  public RecoveryPlan createRecoveryPlan(Caller caller, RecoveryPlan plan) {
    return RecoveryServicesJson.recoveryPlan(
        client.put(
            caller,
            ArmPaths.RECOVERY_PLAN.expand(plan.vault(), plan.name()),
            RecoveryServicesJson.recoveryPlan(plan)));
  }

  @Override
  public RecoveryPoint createRecoveryPoint(
      Caller caller,
      String vault,
      String item,
      String pointId,
      RecoveryPointType type,
      String cutId) {
    return RecoveryServicesJson.recoveryPoint(
        client.put(
            caller,
            ArmPaths.RECOVERY_POINT.expand(vault, item, pointId),
            RecoveryServicesJson.recoveryPointRequest(type, cutId)));
  }

  @Override
  public void deleteRecoveryPoint(Caller caller, String vault, String item, String pointId) {
    client.delete(caller, ArmPaths.RECOVERY_POINT, vault, item, pointId);
  }

  @Override
  public ReplicatedItem pinRecoveryPoint(
      Caller caller, String vault, String item, String operationId, String pointId) {
    return RecoveryServicesJson.replicatedItem(
        client.post(
            caller,
            ArmPaths.PIN_RECOVERY_POINT.expand(vault, item),
            RecoveryServicesJson.pinRequest(operationId, pointId)));
  }

  @Override
  public ReplicatedItem recordReplicaCuts(
      Caller caller, String vault, String item, ReplicaCuts cuts) {
    return RecoveryServicesJson.replicatedItem(
        client.post(
            caller,
            ArmPaths.RECORD_REPLICA_CUTS.expand(vault, item),
            RecoveryServicesJson.replicaCuts(cuts)));
  }

  @Override
  public ReplicatedItem recordCreatedResources(
      Caller caller, String vault, String item, List<String> resourceIds) {
    return RecoveryServicesJson.replicatedItem(
        client.post(
            caller,
            ArmPaths.RECORD_CREATED_RESOURCES.expand(vault, item),
            RecoveryServicesJson.createdResourcesRequest(resourceIds)));
  }

  @Override
  public ReplicatedItem recordScrub(Caller caller, String vault, String item, ScrubRecord scrub) {
    return RecoveryServicesJson.replicatedItem(
        client.post(
            caller, ArmPaths.RECORD_SCRUB.expand(vault, item), RecoveryServicesJson.scrub(scrub)));
  }

  @Override
  public ReplicatedItem addReplicaDisk(Caller caller, String vault, String item, ReplicaDisk disk) {
    return RecoveryServicesJson.replicatedItem(
        client.post(
            caller,
            ArmPaths.ADD_REPLICA_DISK.expand(vault, item),
            RecoveryServicesJson.replicaDisk(disk)));
  }

  @Override
  public RecoveryPointPruning pruneRecoveryPoints(
      Caller caller, String vault, String item, List<String> pointIds) {
    return RecoveryServicesJson.pruning(
        client.post(
            caller,
            ArmPaths.PRUNE_RECOVERY_POINTS.expand(vault, item),
            RecoveryServicesJson.pruneRequest(pointIds)));
  }

  @Override
  public List<RecoveryPoint> recoveryPoints(String vault, String item) {
    return ArmJson.fromList(
        client.get(ArmPaths.RECOVERY_POINTS.expand(vault, item)),
        RecoveryServicesJson::recoveryPoint);
  }
}
