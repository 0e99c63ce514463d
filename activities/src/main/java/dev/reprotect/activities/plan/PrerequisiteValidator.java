package dev.reprotect.activities.plan;

import static dev.reprotect.activities.ReprotectErrorCode.AlreadyProtected;
import static dev.reprotect.activities.ReprotectErrorCode.FailoverNotCommitted;
import static dev.reprotect.activities.ReprotectErrorCode.InvalidCustomization;
import static dev.reprotect.activities.ReprotectErrorCode.ItemNotFound;
import static dev.reprotect.activities.ReprotectErrorCode.MigrationCompleted;
import static dev.reprotect.activities.ReprotectErrorCode.NetworkMappingMissing;
import static dev.reprotect.activities.ReprotectErrorCode.NetworkNotCustomizable;
import static dev.reprotect.activities.ReprotectErrorCode.OperationInProgress;
import static dev.reprotect.activities.ReprotectErrorCode.RecoveryPlanNotSupported;
import static dev.reprotect.activities.ReprotectErrorCode.SourceVmDeleted;
import static dev.reprotect.activities.ReprotectErrorCode.SourceVmMoved;
import static dev.reprotect.activities.ReprotectErrorCode.TargetRegionUnavailable;

import dev.reprotect.activities.Customization;
import dev.reprotect.activities.ReprotectErrorCode;
import dev.reprotect.activities.ReprotectRefusal;
import dev.reprotect.activities.ReprotectRequest;
import dev.reprotect.azure.AvailabilitySet;
import dev.reprotect.azure.AzureBackend;
import dev.reprotect.azure.ItemSide;
import dev.reprotect.azure.NameRules;
import dev.reprotect.azure.NetworkMapping;
import dev.reprotect.azure.ProtectionState;
import dev.reprotect.azure.Region;
import dev.reprotect.azure.ReplicatedItem;
import dev.reprotect.azure.RunningOperation;
import dev.reprotect.azure.StorageAccount;
import dev.reprotect.azure.VirtualMachine;
import java.util.List;
import java.util.Optional;

/**
 * Checks the prerequisites of a reprotect in the order of the rules table, each from the backend's
 * state and the request alone; the first rule broken is the one reported. Reads only.
 */
public final class PrerequisiteValidator {
  private final AzureBackend azure;

  public PrerequisiteValidator(AzureBackend azure) {
    this.azure = azure;
  }

  /**
   * Checks {@code request} for the job of workflow {@code jobWorkflowId} (null outside a job).
   * Temporal runs one run of a workflow id at a time, so a claim recorded under the job's own id
   * was left by an earlier run that is over: the job may take it over, Reprotecting as it left it.
   */
  ValidatedRequest validate(ReprotectRequest request, String jobWorkflowId) {
    ReplicatedItem item = requireSingleItem(request);
    RunningOperation running = item.runningOperation();
    boolean leftByAnEarlierRun = running != null && running.id().equals(jobWorkflowId);
    if (running != null && !leftByAnEarlierRun) {
      throw refuse(
          OperationInProgress,
          "%s is busy: %s is running on it. If its workflow is no"
              + " longer running, clear its claim with: reprotect release %s --vault %s --force",
          item.name(),
          running,
          item.name(),
          item.vault());
    }
    if (item.state() == ProtectionState.Protected) {
      throw refuse(
          AlreadyProtected,
          "%s is already protected, replicating from %s to %s",
          item.name(),
          item.source().region(),
          item.target().region());
    }
    if (item.state() != ProtectionState.FailoverCommitted
        && item.state() != ProtectionState.ReprotectFailed
        && !(leftByAnEarlierRun && item.state() == ProtectionState.Reprotecting)) {
      throw refuse(
          FailoverNotCommitted,
          "%s is %s: commit its failover before reprotecting it",
          item.name(),
          item.state());
    }
    if (item.migrationCompleted()) {
      throw refuse(
          MigrationCompleted,
          "%s was migrated to %s; migration is one-way and cannot be reprotected",
          item.name(),
          item.activeLocation());
    }
    VirtualMachine sourceVm = requireSourceVm(item);
    ItemSide target = item.target();
    Optional<Region> targetRegion = azure.resources().region(target.region());
    if (targetRegion.isEmpty() || !targetRegion.get().available()) {
      throw refuse(
          TargetRegionUnavailable,
          "the target region %s is unavailable; nothing was changed, retry when it is back",
          target.region());
    }
    NetworkMapping mapping =
        azure
            .network()
            .networkMapping(item.source().region(), sourceVm.networkId(), target.region())
            .orElseThrow(
                () ->
                    refuse(
                        NetworkMappingMissing,
                        "no network mapping from %s in %s to %s: map the network of the pair first",
                        sourceVm.networkId(),
                        item.source().region(),
                        target.region()));
    checkNetwork(request.customization(), mapping);
    checkCustomization(request.customization(), item, sourceVm);
    return new ValidatedRequest(request, item, sourceVm, mapping);
  }

  private ReplicatedItem requireSingleItem(ReprotectRequest request) {
    boolean validNames =
        NameRules.isValidVaultName(request.vault()) && NameRules.isValidVmName(request.vm());
    Optional<ReplicatedItem> item =
        validNames
            ? azure.recoveryServices().replicatedItem(request.vault(), request.vm())
            : Optional.empty();
    if (item.isPresent()) {
      return item.get();
    }
    if (validNames
        && azure.recoveryServices().recoveryPlan(request.vault(), request.vm()).isPresent()) {
      throw refuse(
          RecoveryPlanNotSupported,
          "%s is a recovery plan: reprotect is per VM, run it for each of the plan's items",
          request.vm());
    }
    if (!NameRules.isValidVaultName(request.vault())) {
      throw refuse(
          ItemNotFound,
          "'%s' is not a vault name (2 to 50 letters, digits and hyphens,"
              + " starting with a letter)",
          request.vault());
    }
    if (!NameRules.isValidVmName(request.vm())) {
      throw refuse(
          ItemNotFound,
          "'%s' is not a VM name (1 to 64 letters, digits, hyphens, dots" + " and underscores)",
          request.vm());
    }
    if (azure.recoveryServices().vault(request.vault()).isEmpty()) {
      throw refuse(ItemNotFound, "vault %s was not found", request.vault());
    }
    throw refuse(ItemNotFound, "vault %s has no replicated item %s", request.vault(), request.vm());
  }

  private VirtualMachine requireSourceVm(ReplicatedItem item) {
    ItemSide source = item.source();
    Optional<VirtualMachine> vm =
        azure.compute().virtualMachine(source.resourceGroup(), item.name());
    if (vm.isPresent() && vm.get().location().equals(source.region())) {
      return vm.get();
    }
    List<VirtualMachine> elsewhere =
        azure.compute().virtualMachinesNamed(source.region(), item.name());
    if (elsewhere.isEmpty()) {
      throw refuse(
          SourceVmDeleted,
          "the active VM %s no longer exists in %s (resource group %s)",
          item.name(),
          source.region(),
          source.resourceGroup());
    }
    throw refuse(
        SourceVmMoved,
        "the active VM %s was moved from resource group %s to %s; "
            + "reprotect needs it where the vault recorded it",
        item.name(),
        source.resourceGroup(),
        elsewhere.get(0).resourceGroup());
  }

  private static void checkNetwork(Customization custom, NetworkMapping mapping) {
    String asked = custom.targetNetwork();
    if (asked == null) {
      return;
    }
    String mapped = mapping.targetNetworkId();
    String mappedName = mapped.substring(mapped.lastIndexOf('/') + 1);
    if (!asked.equalsIgnoreCase(mapped) && !asked.equalsIgnoreCase(mappedName)) {
      throw refuse(
          NetworkNotCustomizable,
          "the target network comes from the network mapping "
              + "(%s) and cannot be changed during reprotect; change the mapping instead",
          mappedName);
    }
  }

  private void checkCustomization(
      Customization custom, ReplicatedItem item, VirtualMachine sourceVm) {
    String source = item.source().region();
    String target = item.target().region();
    if (custom.targetResourceGroup() != null
        && !NameRules.isValidResourceGroupName(custom.targetResourceGroup())) {
      throw refuse(
          InvalidCustomization,
          "'%s' is not a valid resource group name",
          custom.targetResourceGroup());
    }
    checkStorageAccount(custom.targetStorageAccount(), "target storage account", target);
    checkStorageAccount(custom.cacheStorageAccount(), "cache storage account", source);
    if (custom.targetStorageAccount() != null
        && custom.targetStorageAccount().equals(custom.cacheStorageAccount())) {
      throw refuse(
          InvalidCustomization,
          "the cache and target storage accounts must be two accounts, in two regions");
    }
    String set = custom.availabilitySet();
    if (set != null) {
      if (sourceVm.availabilitySet() == null) {
        throw refuse(
            InvalidCustomization,
            "%s is not in an availability set, so none can be " + "chosen for its target side",
            sourceVm.name());
      }
      if (!NameRules.isValidAvailabilitySetName(set)) {
        throw refuse(InvalidCustomization, "'%s' is not a valid availability set name", set);
      }
      String group =
          custom.targetResourceGroup() != null
              ? custom.targetResourceGroup()
              : item.target().resourceGroup();
      Optional<AvailabilitySet> existing = azure.compute().availabilitySet(group, set);
      if (existing.isPresent() && !existing.get().location().equals(target)) {
        throw refuse(
            InvalidCustomization,
            "availability set %s is in %s, not in the target " + "region %s",
            set,
            existing.get().location(),
            target);
      }
    }
  }

  private void checkStorageAccount(String name, String role, String region) {
    if (name == null) {
      return;
    }
    if (!NameRules.isValidStorageAccountName(name)) {
      throw refuse(
          InvalidCustomization,
          "'%s' is not a valid %s name (3 to 24 lowercase letters and digits)",
          name,
          role);
    }
    Optional<StorageAccount> existing = azure.storage().storageAccount(name);
    if (existing.isPresent() && !existing.get().location().equals(region)) {
      throw refuse(
          InvalidCustomization,
          "the %s %s is in %s; it must be in %s",
          role,
          name,
          existing.get().location(),
          region);
    }
    if (existing.isPresent() && !existing.get().kind().equals(StorageAccount.KIND)) {
      throw refuse(
          InvalidCustomization,
          "the %s %s is of kind %s; it must be %s",
          role,
          name,
          existing.get().kind(),
          StorageAccount.KIND);
    }
  }

  private static ReprotectRefusal refuse(ReprotectErrorCode code, String format, Object... args) {
    return new ReprotectRefusal(code, String.format(format, args));
  }
}
