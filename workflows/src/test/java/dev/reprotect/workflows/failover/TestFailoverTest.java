package dev.reprotect.workflows.failover;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reprotect.activities.ProtectionPlan;
import dev.reprotect.activities.failover.FailoverRequest;
import dev.reprotect.activities.failover.PointSelector;
import dev.reprotect.azure.PageBlob;
import dev.reprotect.azure.PowerState;
import dev.reprotect.azure.ProtectionState;
import dev.reprotect.azure.RecoveryPoint;
import dev.reprotect.azure.ReplicatedItem;
import dev.reprotect.azure.VirtualMachine;
import dev.reprotect.azure.VmDisk;
import dev.reprotect.workflows.HistoryReplays;
import dev.reprotect.workflows.WorkflowIds;
import dev.reprotect.workflows.replication.DiskBytes;
import dev.reprotect.workflows.reprotect.ReprotectFixture;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A test failover boots a copy of a point on an isolated network of the recovery region while the
 * replication goes on; a second drill is refused while it is live; its cleanup leaves the inventory
 * as it was before the drill. Records the drill's and the cleanup's histories.
 */
class TestFailoverTest {
  @RegisterExtension static final TestWorkflowExtension temporal = ReprotectFixture.temporal();

  private FailoverFixture world;

  @AfterEach
  void close() {
    if (world != null) {
      world.close();
    }
  }

  @Test
  void aDrillBootsACopyWhileReplicationGoesOnAndItsCleanupLeavesTheInventoryAsItWas(
      TestWorkflowEnvironment env, Worker worker) throws Exception {
    world = new FailoverFixture(env, worker);
    world.protect();
    world.awaitCycle(1);
    ReplicatedItem item = world.item();
    List<String> before = inventory(item);
    RecoveryPoint newest =
        world.points().stream().max(Comparator.comparing(RecoveryPoint::time)).orElseThrow();

    FailoverSummary drill =
        world.run(FailoverRequest.testFailover(world.vault(), world.vm(), PointSelector.LATEST));
    record("test-failover", env);

    assertThat(inventory(item)).as("the drill's VM, disks and network").isNotEqualTo(before);
    assertThat(drill.activeRegion()).isEqualTo(item.source().region());
    assertThat(drill.pointId()).as("latest is the newest point for a drill").isEqualTo(newest.id());
    VirtualMachine copy =
        world
            .reprotect
            .azure
            .compute()
            .virtualMachine(item.target().resourceGroup(), world.vm() + "-test")
            .orElseThrow();
    assertThat(copy.powerState()).isEqualTo(PowerState.Running);
    assertThat(copy.location()).isEqualTo(item.target().region());
    String mapped =
        world
            .reprotect
            .azure
            .network()
            .networkMapping(
                item.source().region(), world.activeVm().networkId(), item.target().region())
            .orElseThrow()
            .targetNetworkId();
    assertThat(copy.networkId())
        .as("an isolated network, not the mapped one")
        .isNotEqualTo(mapped)
        .contains("test");
    assertThat(copy.availabilitySet()).isNull();
    assertThat(diskChecksums(copy))
        .as("the copy's disks, read from their bytes")
        .isEqualTo(newest.diskChecksums());
    assertThat(world.item().state()).isEqualTo(ProtectionState.Protected);
    assertThat(world.item().runningOperation()).isNull();
    assertThat(world.item().pinnedRecoveryPoint())
        .as("pruning never deletes the copy's point")
        .isEqualTo(drill.pointId());
    assertThat(world.activeVm().location()).isEqualTo(item.source().region());

    long cycles = world.cyclesRun();
    world.awaitCycle(cycles + 1);
    assertThat(world.points())
        .as("the replication makes points during the drill")
        .hasSizeGreaterThan(1);

    world.stopReplication();
    world.reprotect.assertRefusedChangingNothing(
        "TestFailoverInProgress",
        () ->
            world.run(
                FailoverRequest.testFailover(world.vault(), world.vm(), PointSelector.LATEST)));

    world.run(FailoverRequest.testFailoverCleanup(world.vault(), world.vm()));
    record("test-failover-cleanup", env);
    assertThat(inventory(item)).as("the inventory after the cleanup").isEqualTo(before);
    assertThat(world.item().state()).isEqualTo(ProtectionState.Protected);
    assertThat(world.item().pinnedRecoveryPoint()).isNull();

    world.reprotect.assertRefusedChangingNothing(
        "NoTestFailover",
        () -> world.run(FailoverRequest.testFailoverCleanup(world.vault(), world.vm())));
  }

  /**
   * What a drill could leave: the VMs of the item's name and of its copy's in both regions, the
   * drill's network, the disks and replicas in both sides' storage accounts. The points and cuts
   * the replication makes meanwhile are not a drill's.
   */
  private List<String> inventory(ReplicatedItem item) {
    List<String> found = new ArrayList<>();
    for (String region : List.of(item.source().region(), item.target().region())) {
      for (String name : List.of(world.vm(), world.vm() + "-test")) {
        world
            .reprotect
            .azure
            .compute()
            .virtualMachinesNamed(region, name)
            .forEach(vm -> found.add(vm.id() + " " + vm.networkId() + " " + vm.disks()));
      }
    }
    world
        .reprotect
        .azure
        .network()
        .virtualNetwork(item.target().resourceGroup(), "vnet-" + world.vm() + "-test-failover")
        .ifPresent(net -> found.add(net.id()));
    for (String account : List.of(item.source().storageAccount(), item.target().storageAccount())) {
      for (String container : List.of("vhds", ProtectionPlan.SEED_CONTAINER)) {
        world.reprotect.azure.storage().blobs(account, container).stream()
            .map(PageBlob::ref)
            .map(Object::toString)
            .sorted()
            .forEach(found::add);
      }
    }
    return found;
  }

  private Map<String, String> diskChecksums(VirtualMachine vm) {
    Map<String, String> bySlot = new TreeMap<>();
    for (VmDisk disk : vm.disks()) {
      bySlot.put(disk.slot(), DiskBytes.checksum(world.reprotect.azure.storage(), disk.vhd()));
    }
    return bySlot;
  }

  private void record(String name, TestWorkflowEnvironment env) throws Exception {
    HistoryReplays.record(
        env.getWorkflowClient(), WorkflowIds.testFailover(world.vault(), world.vm()), name);
  }
}
