package dev.reprotect.activities.failover;

import dev.reprotect.activities.ActivityCaller;
import dev.reprotect.activities.AzureFailures;
import dev.reprotect.activities.ReprotectErrorCode;
import dev.reprotect.activities.ReprotectRefusal;
import dev.reprotect.azure.AzureBackend;
import dev.reprotect.azure.ItemClaimState;
import dev.reprotect.azure.ItemLifecycle;
import dev.reprotect.azure.ItemSide;
import dev.reprotect.azure.NameRules;
import dev.reprotect.azure.RecoveryPoint;
import dev.reprotect.azure.Region;
import dev.reprotect.azure.ReplicatedItem;
import dev.reprotect.azure.ResourceIds;
import dev.reprotect.azure.RunningOperation;
import dev.reprotect.azure.VirtualMachine;
import dev.reprotect.azure.arm.ArmIds;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityInfo;
import io.temporal.failure.ApplicationFailure;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;

public final class FailoverPlanningImpl implements FailoverPlanning {
  /** A test failover's copy of the VM is named after it with this suffix. */
  static final String TEST_VM_SUFFIX = "-test";

  /** The longest VM name whose drill's names Azure accepts: its network's is the longest. */
  static final int MAX_DRILLED_VM_NAME =
      NameRules.VIRTUAL_NETWORK_MAX_LENGTH
          - "vnet-".length()
          - TEST_VM_SUFFIX.length()
          - "-failover".length();

  private final AzureBackend azure;

  @Inject
  public FailoverPlanningImpl(AzureBackend azure) {
    this.azure = azure;
  }

  @Override
  public FailoverPlan planFailover(FailoverRequest request) {
    return AzureFailures.translated(
        null,
        () -> {
          ReplicatedItem item =
              azure
                  .recoveryServices()
                  .replicatedItem(request.vault(), request.vm())
                  .orElseThrow(
                      () ->
                          new ReprotectRefusal(
                              ReprotectErrorCode.ItemNotFound,
                              "vault "
                                  + request.vault()
                                  + " has no replicated item "
                                  + request.vm()));
          ActivityInfo job = Activity.getExecutionContext().getInfo();
          RunningOperation running = item.runningOperation();
          if (running != null && !running.id().equals(job.getWorkflowId())) {
            throw new ReprotectRefusal(
                ReprotectErrorCode.OperationInProgress,
                item.name() + " is busy: " + running + " is running on it");
          }
          ItemLifecycle operation = request.operation();
          operation.checkClaim(
              item,
              new RunningOperation(
                  operation.name(), job.getWorkflowId(), job.getWorkflowRunId(), Instant.EPOCH),
              operation.running());
          return switch (operation) {
            case Failover -> requireOwnRecoveryVm(failoverPlan(request, item));
            case TestFailover, TestFailoverCleanup ->
                requireOwnRecoveryVm(testFailoverPlan(request, item));
            default -> planOnTheFailedOverVm(request, item);
          };
        });
  }

  @Override
  public ChosenPoint choosePoint(ChoosePoint request) {
    return AzureFailures.translated(
        null,
        () -> {
          RecoveryPoint point = requirePoint(request.vault(), request.vm(), request.selector());
          if (request.operationId() != null) {
            azure
                .recoveryServices()
                .pinRecoveryPoint(
                    ActivityCaller.current(),
                    request.vault(),
                    request.vm(),
                    request.operationId(),
                    point.id());
          }
          return new ChosenPoint(
              point.id(), point.type(), point.time(), point.disksBySlot(), point.diskChecksums());
        });
  }

  private FailoverPlan failoverPlan(FailoverRequest request, ReplicatedItem item) {
    ItemSide source = item.source();
    ItemSide target = item.target();
    if (!available(target.region())) {
      throw new ReprotectRefusal(
          ReprotectErrorCode.TargetRegionUnavailable,
          "the region to fail"
              + " over to, "
              + target.region()
              + ", is unavailable; nothing was changed");
    }
    // The network recorded at protection time: the source VM may be the very thing that was
    // lost. Items recorded before sides carried it fall back to the live VM's.
    String sourceNetwork =
        source.network() != null
            ? source.network()
            : azure
                .compute()
                .virtualMachine(source.resourceGroup(), item.name())
                .map(VirtualMachine::networkId)
                .orElse(null);
    String network =
        sourceNetwork == null
            ? null
            : azure
                .network()
                .networkMapping(source.region(), sourceNetwork, target.region())
                .map(mapping -> mapping.targetNetworkId())
                .orElse(null);
    if (network == null) {
      throw new ReprotectRefusal(
          ReprotectErrorCode.NetworkMappingMissing,
          "no network mapping"
              + " from "
              + (sourceNetwork == null
                  ? "the source VM's network (the VM is gone and" + " the item recorded no network)"
                  : sourceNetwork)
              + " in "
              + source.region()
              + " to "
              + target.region());
    }
    if (request.operation() == ItemLifecycle.Failover) {
      if (PointSelector.LATEST.equals(request.point())) {
        requireSourceToCut(item);
      } else {
        requirePoint(request.vault(), request.vm(), request.point());
      }
    }
    List<FailoverDisk> disks =
        item.replicaDisks().stream()
            .map(replica -> new FailoverDisk(replica.slot(), replica.sourceDisk()))
            .toList();
    return new FailoverPlan(
        request.vault(),
        request.vm(),
        request.operation(),
        request.point(),
        source.region(),
        source.resourceGroup(),
        target.region(),
        target.resourceGroup(),
        target.storageAccount(),
        network,
        target.availabilitySet() == null ? null : ArmIds.nameOf(target.availabilitySet()),
        disks,
        ItemClaimState.of(item),
        null);
  }

  /**
   * {@code latest} is a cut of the source VM taken now, which needs the VM and its region: without
   * them, the points already shipped are what is left, and the refusal names them. The region is
   * checked first, as a VM cannot be looked up in a region that is down.
   */
  private void requireSourceToCut(ReplicatedItem item) {
    ItemSide source = item.source();
    String instead =
        "; fail over to a point already shipped instead: latest-processed,"
            + " latest-app-consistent or a point id (see recovery-points); nothing was changed";
    if (!available(source.region())) {
      throw ApplicationFailure.newNonRetryableFailure(
          "point latest takes a cut of "
              + item.name()
              + " now, and its region, "
              + source.region()
              + ", is unavailable"
              + instead,
          FailoverErrorCode.SourceRegionUnavailable.name());
    }
    if (azure.compute().virtualMachine(source.resourceGroup(), item.name()).isEmpty()) {
      throw new ReprotectRefusal(
          ReprotectErrorCode.SourceVmDeleted,
          "point latest takes a cut"
              + " of "
              + item.name()
              + " now, and the VM no longer exists in "
              + source.resourceGroup()
              + instead);
    }
  }

  /**
   * The VM the plan would make (or a drill's cleanup delete) may already exist: made by an earlier
   * run of the job (a failed failover, a drill not cleaned up), whose disks all bear the name the
   * job gives its disks, {@code <vm>-<slot>-<point id>.vhd}, it is taken over; anything else of
   * that name is someone's VM, never overwritten nor deleted.
   */
  private FailoverPlan requireOwnRecoveryVm(FailoverPlan plan) {
    azure
        .compute()
        .virtualMachine(plan.recoveryGroup(), plan.recoveryVmName())
        .filter(vm -> RecoveryVmActivitiesImpl.pointOfDisks(vm).isEmpty())
        .ifPresent(
            foreign -> {
              throw ApplicationFailure.newNonRetryableFailure(
                  String.format(
                      "a VM named %s already "
                          + "exists in %s, and a %s of %s did not make it (its disks are not the ones made "
                          + "from a recovery point): rename or move it, it is never overwritten or deleted;"
                          + " nothing was changed",
                      foreign.name(),
                      plan.recoveryGroup(),
                      plan.operation() == ItemLifecycle.Failover ? "failover" : "test failover",
                      plan.vm()),
                  FailoverErrorCode.RecoveryVmNameTaken.name());
            });
    return plan;
  }

  private boolean available(String region) {
    return azure.resources().region(region).map(Region::available).orElse(false);
  }

  /**
   * A test failover or its cleanup: a copy of the VM, {@code <vm>-test}, in the item's target
   * resource group, on its own network there (never the mapped one, in no availability set), so
   * that neither the production VM nor the replication sees it. Whether a drill is live is the
   * item's record, checked with the claim (see ItemLifecycle). A drill whose names Azure would
   * refuse is refused here, before anything is made: a shortened name could not be found again from
   * the VM's name alone, and could be another VM's.
   */
  private FailoverPlan testFailoverPlan(FailoverRequest request, ReplicatedItem item) {
    String testVm = request.vm() + TEST_VM_SUFFIX;
    String networkName = "vnet-" + testVm + "-failover";
    if (request.operation() == ItemLifecycle.TestFailover) {
      requireValidName(NameRules.isValidVmName(testVm), "VM", testVm, request.vm());
      requireValidName(
          NameRules.isValidVirtualNetworkName(networkName), "network", networkName, request.vm());
    }
    FailoverPlan failover = failoverPlan(request, item);
    if (request.operation() == ItemLifecycle.TestFailover) {
      requirePoint(request.vault(), request.vm(), PointSelector.forTestFailover(request.point()));
      if (!item.testFailoverLive()) {
        requireNoNetworkNamed(failover.recoveryGroup(), networkName, request.vm());
      }
    }
    return new FailoverPlan(
        failover.vault(),
        failover.vm(),
        failover.operation(),
        failover.point(),
        failover.sourceRegion(),
        failover.sourceGroup(),
        failover.recoveryRegion(),
        failover.recoveryGroup(),
        failover.recoveryAccount(),
        ResourceIds.virtualNetwork(failover.recoveryGroup(), networkName),
        null,
        failover.disks(),
        failover.checked(),
        testVm);
  }

  /**
   * A drill makes its isolated network and its cleanup deletes it by name: one of that name that
   * exists before any drill of the item is live was not made by one, and is never taken over nor
   * deleted. While a drill is live (a re-run after a failure), the network is that drill's.
   */
  private void requireNoNetworkNamed(String resourceGroup, String name, String vm) {
    if (azure.network().virtualNetwork(resourceGroup, name).isPresent()) {
      throw ApplicationFailure.newNonRetryableFailure(
          String.format(
              "a network named %s already exists in %s, and no test failover of %s made it: a"
                  + " drill's cleanup deletes its network, so it is never taken over; rename or"
                  + " move it; nothing was changed",
              name, resourceGroup, vm),
          FailoverErrorCode.TestNetworkNameTaken.name());
    }
  }

  private static void requireValidName(boolean valid, String kind, String name, String vm) {
    if (!valid) {
      throw ApplicationFailure.newNonRetryableFailure(
          String.format(
              "a test failover of %s"
                  + " would name its %s %s (%d characters), longer than Azure allows; the drill needs a"
                  + " VM name of at most %d characters; nothing was changed",
              vm, kind, name, name.length(), MAX_DRILLED_VM_NAME),
          FailoverErrorCode.TestFailoverNameTooLong.name());
    }
  }

  /** A change of point or a commit: the VM runs in the item's (swapped) source side. */
  private FailoverPlan planOnTheFailedOverVm(FailoverRequest request, ReplicatedItem item) {
    ItemSide active = item.source();
    VirtualMachine vm =
        azure
            .compute()
            .virtualMachine(active.resourceGroup(), item.name())
            .orElseThrow(
                () ->
                    new ReprotectRefusal(
                        ReprotectErrorCode.SourceVmDeleted,
                        "the failed-over VM "
                            + item.name()
                            + " no longer exists in "
                            + active.region()));
    String runningPoint = null;
    if (request.operation() == ItemLifecycle.ChangeRecoveryPoint) {
      requirePoint(request.vault(), request.vm(), request.point());
      runningPoint = RecoveryVmActivitiesImpl.pointOfDisks(vm).orElse(null);
    }
    List<FailoverDisk> disks =
        vm.disks().stream().map(disk -> new FailoverDisk(disk.slot(), disk.name())).toList();
    ItemSide other = item.target();
    return new FailoverPlan(
        request.vault(),
        request.vm(),
        request.operation(),
        request.point(),
        other.region(),
        other.resourceGroup(),
        active.region(),
        active.resourceGroup(),
        diskAccount(vm),
        vm.networkId(),
        vm.availabilitySet(),
        disks,
        ItemClaimState.of(item),
        null,
        runningPoint);
  }

  private static String diskAccount(VirtualMachine vm) {
    return vm.osDisk().vhd().storageAccount();
  }

  private RecoveryPoint requirePoint(String vault, String vm, String selector) {
    List<RecoveryPoint> points = azure.recoveryServices().recoveryPoints(vault, vm);
    return PointSelector.select(selector, points)
        .orElseThrow(
            () ->
                ApplicationFailure.newNonRetryableFailure(
                    String.format(
                        "%s has no recovery point %s" + " (it has %d); nothing was changed",
                        vm, selector, points.size()),
                    FailoverErrorCode.RecoveryPointNotFound.name()));
  }
}
