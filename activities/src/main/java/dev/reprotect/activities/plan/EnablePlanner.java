package dev.reprotect.activities.plan;

import dev.reprotect.activities.Customization;
import dev.reprotect.activities.ReprotectErrorCode;
import dev.reprotect.activities.ReprotectRefusal;
import dev.reprotect.activities.ReprotectRequest;
import dev.reprotect.activities.enable.EnableErrorCode;
import dev.reprotect.activities.enable.EnablePlan;
import dev.reprotect.activities.enable.EnableRequest;
import dev.reprotect.azure.AzureBackend;
import dev.reprotect.azure.AzureErrorCode;
import dev.reprotect.azure.ItemSide;
import dev.reprotect.azure.NameRules;
import dev.reprotect.azure.NetworkMapping;
import dev.reprotect.azure.PowerState;
import dev.reprotect.azure.ProtectionState;
import dev.reprotect.azure.Region;
import dev.reprotect.azure.ReplicatedItem;
import dev.reprotect.azure.ReplicationPolicy;
import dev.reprotect.azure.ResourceIds;
import dev.reprotect.azure.RunningOperation;
import dev.reprotect.azure.StorageAccountNaming;
import dev.reprotect.azure.VirtualMachine;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import java.util.Optional;

/**
 * Checks the prerequisites of a first protection, in order (the VM exists and runs, it is not an
 * item yet, its network is mapped to the other region, the policy is valid), and plans it with the
 * reprotect's planner, from the item the vault will record. Reads only.
 */
public final class EnablePlanner {
  /** The resource group a VM's recovery side gets by default, as the reference product names it. */
  static final String TARGET_GROUP_SUFFIX = "-asr";

  static final String POLICY_NAME = "enable-policy";

  private final AzureBackend azure;
  private final ReprotectPlanner planner;

  public EnablePlanner(AzureBackend azure) {
    this.azure = azure;
    this.planner = new ReprotectPlanner(azure);
  }

  /**
   * The plan of {@code request} for the job of workflow {@code jobWorkflowId}: an item that an
   * earlier run of it left claimed, or that a failed enable left EnableFailed, is taken as it is.
   */
  public EnablePlan plan(EnableRequest request, String jobWorkflowId) {
    requireVault(request);
    Optional<ReplicatedItem> existing =
        azure.recoveryServices().replicatedItem(request.vault(), request.vm());
    VirtualMachine vm = requireRunningVm(request, existing);
    existing.ifPresent(item -> requireNotEnabled(item, jobWorkflowId));
    NetworkMapping mapping = requireMapping(request, vm);
    ReplicationPolicy policy = requireValidPolicy(request);
    ReplicatedItem item = existing.orElseGet(() -> newItem(request, vm, mapping, policy));
    ReprotectRequest protection =
        new ReprotectRequest(
            request.vault(),
            request.vm(),
            Customization.none(),
            request.replicationCycleSeconds(),
            null,
            false);
    return new EnablePlan(
        planner.planFor(new ValidatedRequest(protection, item, vm, mapping)), item);
  }

  private void requireVault(EnableRequest request) {
    if (!NameRules.isValidVaultName(request.vault())) {
      throw refuse(
          ReprotectErrorCode.ItemNotFound,
          "'%s' is not a vault name (2 to 50 letters,"
              + " digits and hyphens, starting with a letter)",
          request.vault());
    }
    if (!NameRules.isValidVmName(request.vm())) {
      throw refuse(
          ReprotectErrorCode.ItemNotFound,
          "'%s' is not a VM name (1 to 64 letters," + " digits, hyphens, dots and underscores)",
          request.vm());
    }
    if (azure.recoveryServices().vault(request.vault()).isEmpty()) {
      throw refuse(ReprotectErrorCode.ItemNotFound, "vault %s was not found", request.vault());
    }
  }

  /**
   * The VM of that name: the one the item records as its source if the vault has an item of the
   * name (a VM left in the other region by a failover is not it), else the only one anywhere.
   */
  private VirtualMachine requireRunningVm(EnableRequest request, Optional<ReplicatedItem> item) {
    List<VirtualMachine> named =
        item.map(
                recorded ->
                    azure
                        .compute()
                        .virtualMachine(recorded.source().resourceGroup(), request.vm())
                        .filter(vm -> vm.location().equals(recorded.source().region()))
                        .stream()
                        .toList())
            .orElseGet(
                () ->
                    azure.resources().regions().stream()
                        .flatMap(
                            region ->
                                azure
                                    .compute()
                                    .virtualMachinesNamed(region.name(), request.vm())
                                    .stream())
                        .toList());
    if (named.isEmpty()) {
      throw failure(
          EnableErrorCode.SourceVmNotFound.name(), "no VM %s in any region", request.vm());
    }
    if (named.size() > 1) {
      throw failure(
          EnableErrorCode.SourceVmAmbiguous.name(),
          "%d VMs are named %s: %s; an item" + " is one VM, known by its name in the vault",
          named.size(),
          request.vm(),
          named.stream().map(VirtualMachine::id).toList());
    }
    VirtualMachine vm = named.get(0);
    if (vm.powerState() != PowerState.Running) {
      throw failure(
          EnableErrorCode.SourceVmNotRunning.name(),
          "%s is %s: start it first, the" + " first recovery point is a cut of its running disks",
          vm.name(),
          vm.powerState());
    }
    return vm;
  }

  private static void requireNotEnabled(ReplicatedItem item, String jobWorkflowId) {
    RunningOperation running = item.runningOperation();
    boolean leftByAnEarlierRun = running != null && running.id().equals(jobWorkflowId);
    if (running != null && !leftByAnEarlierRun) {
      throw new ReprotectRefusal(
          ReprotectErrorCode.OperationInProgress,
          String.format("%s is busy: %s is running on it", item.name(), running));
    }
    boolean resumable =
        item.state() == ProtectionState.EnableFailed
            || leftByAnEarlierRun && item.state() == ProtectionState.EnablingProtection;
    if (!resumable) {
      throw failure(
          AzureErrorCode.AlreadyEnabled.name(),
          "%s is an item of vault %s already" + " (%s): its replication was enabled before",
          item.name(),
          item.vault(),
          item.state());
    }
  }

  /** The mapping of the VM's network to the region asked for, or to the one region mapped. */
  private NetworkMapping requireMapping(EnableRequest request, VirtualMachine vm) {
    List<String> candidates =
        request.targetRegion() != null
            ? List.of(request.targetRegion())
            : azure.resources().regions().stream()
                .map(Region::name)
                .filter(name -> !name.equals(vm.location()))
                .toList();
    List<NetworkMapping> mapped =
        candidates.stream()
            .flatMap(
                region ->
                    azure.network().networkMapping(vm.location(), vm.networkId(), region).stream())
            .toList();
    if (mapped.size() != 1) {
      throw new ReprotectRefusal(
          ReprotectErrorCode.NetworkMappingMissing,
          String.format(
              "the network %s of %s is mapped to %s: map it to the one region to protect it to%s",
              vm.networkId(),
              vm.name(),
              mapped.isEmpty()
                  ? "no region"
                  : mapped.stream().map(NetworkMapping::targetRegion).toList(),
              request.targetRegion() == null ? ", or name that region" : ""));
    }
    NetworkMapping mapping = mapped.get(0);
    Optional<Region> target = azure.resources().region(mapping.targetRegion());
    if (target.isEmpty() || !target.get().available()) {
      throw new ReprotectRefusal(
          ReprotectErrorCode.TargetRegionUnavailable,
          String.format(
              "the target region %s is unavailable; nothing was changed, retry when it is back",
              mapping.targetRegion()));
    }
    return mapping;
  }

  private static ReplicationPolicy requireValidPolicy(EnableRequest request) {
    try {
      return new ReplicationPolicy(
          POLICY_NAME,
          request.retentionDays(),
          request.appConsistentFrequencyMinutes(),
          request.scrubIntervalDays());
    } catch (IllegalArgumentException invalid) {
      throw failure(
          EnableErrorCode.InvalidPolicy.name(),
          "invalid replication policy: %s",
          invalid.getMessage());
    }
  }

  /**
   * The item as the vault first records it, not yet protected: its recovery side named after its
   * source side, as the planner's defaults name a reprotect's.
   */
  private static ReplicatedItem newItem(
      EnableRequest request, VirtualMachine vm, NetworkMapping mapping, ReplicationPolicy policy) {
    String sourceAccount = vm.osDisk().vhd().storageAccount();
    ItemSide source =
        new ItemSide(
            vm.location(),
            vm.resourceGroup(),
            sourceAccount,
            vm.availabilitySet() == null
                ? null
                : ResourceIds.availabilitySet(vm.resourceGroup(), vm.availabilitySet()),
            vm.networkId());
    ItemSide recovery =
        new ItemSide(
            mapping.targetRegion(),
            vm.resourceGroup() + TARGET_GROUP_SUFFIX,
            StorageAccountNaming.name(sourceAccount, ReprotectPlanner.TARGET_ACCOUNT_SUFFIX));
    return new ReplicatedItem(
        request.vault(),
        vm.name(),
        source,
        recovery,
        vm.location(),
        ProtectionState.EnableFailed,
        policy,
        null,
        List.of(),
        null,
        false,
        false);
  }

  private static ReprotectRefusal refuse(ReprotectErrorCode code, String format, Object... args) {
    return new ReprotectRefusal(code, String.format(format, args));
  }

  private static ApplicationFailure failure(String code, String format, Object... args) {
    return ApplicationFailure.newNonRetryableFailure(String.format(format, args), code);
  }
}
