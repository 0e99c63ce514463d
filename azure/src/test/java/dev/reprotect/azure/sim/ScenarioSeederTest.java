package dev.reprotect.azure.sim;

import static dev.reprotect.azure.sim.SimTestWorld.BLOCK_SIZE;
import static dev.reprotect.azure.sim.SimTestWorld.CALLER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.reprotect.azure.ActivityLogEntry;
import dev.reprotect.azure.AzureErrorCode;
import dev.reprotect.azure.AzureException;
import dev.reprotect.azure.BlockHash;
import dev.reprotect.azure.PowerState;
import dev.reprotect.azure.ProtectionState;
import dev.reprotect.azure.ReplicatedItem;
import dev.reprotect.azure.ResourceGroup;
import dev.reprotect.azure.RunningOperation;
import dev.reprotect.azure.VirtualMachine;
import dev.reprotect.azure.VmDisk;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** The seeded starting world: a committed failover, its stale original, and the variations. */
class ScenarioSeederTest {
  private static final long DISK_BLOCKS = 64;

  @TempDir Path dataDir;
  private SimTestWorld world;

  @BeforeEach
  void setUp() {
    world = SimTestWorld.in(dataDir.resolve("first"));
  }

  @AfterEach
  void tearDown() {
    world.close();
  }

  private static Scenario.Builder small() {
    return Scenario.builder().diskSizeBytes(DISK_BLOCKS * BLOCK_SIZE);
  }

  private Scenario seed(Scenario.Builder builder) {
    Scenario scenario = builder.build();
    new ScenarioSeeder(world.azure).seed(scenario);
    return scenario;
  }

  private ReplicatedItem item(Scenario s) {
    return world.azure.recoveryServices().replicatedItem(s.vault(), s.vm()).orElseThrow();
  }

  private VirtualMachine sourceVm(Scenario s) {
    return world
        .azure
        .compute()
        .virtualMachine(ScenarioSeeder.resourceGroupName(s.vm(), s.sourceRegion()), s.vm())
        .orElseThrow();
  }

  private VirtualMachine targetVm(Scenario s) {
    return world
        .azure
        .compute()
        .virtualMachine(ScenarioSeeder.resourceGroupName(s.vm(), s.targetRegion()), s.vm())
        .orElseThrow();
  }

  @Test
  void theDefaultScenarioIsACommittedFailoverActiveInItsSourceRegion() {
    Scenario s = seed(small());

    ReplicatedItem item = item(s);
    assertThat(item.state()).isEqualTo(ProtectionState.FailoverCommitted);
    assertThat(item.failoverCommitted()).isTrue();
    assertThat(item.migrationCompleted()).isFalse();
    assertThat(item.runningOperation()).isNull();
    assertThat(item.activeLocation()).isEqualTo(s.sourceRegion());
    assertThat(item.source().region()).isEqualTo(s.sourceRegion());
    assertThat(item.target().region()).isEqualTo(s.targetRegion());
    assertThat(item.source().resourceGroup())
        .isEqualTo(ScenarioSeeder.resourceGroupName(s.vm(), s.sourceRegion()));
    assertThat(item.target().storageAccount())
        .isEqualTo(ScenarioSeeder.storageAccountName(s.vm(), s.targetRegion()));
    assertThat(world.azure.recoveryServices().vault(s.vault())).isPresent();
    assertThat(
            world
                .azure
                .recoveryServices()
                .recoveryPlan(s.vault(), Scenario.RECOVERY_PLAN)
                .orElseThrow()
                .items())
        .containsExactly(s.vm());
    assertThat(world.azure.resources().region(s.targetRegion()).orElseThrow().available()).isTrue();
  }

  @Test
  void theSourceVmRunsInTheSourceRegionWithAnOsDiskAndItsDataDisks() {
    Scenario s = seed(small().dataDisks(2));

    VirtualMachine vm = sourceVm(s);
    assertThat(vm.location()).isEqualTo(s.sourceRegion());
    assertThat(vm.powerState()).isEqualTo(PowerState.Running);
    assertThat(vm.disks()).hasSize(3);
    assertThat(vm.osDisk().isOsDisk()).isTrue();
    for (VmDisk disk : vm.disks()) {
      assertThat(world.azure.storage().blob(disk.vhd()))
          .hasValueSatisfying(
              blob -> {
                assertThat(blob.location()).isEqualTo(s.sourceRegion());
                assertThat(blob.sizeBytes()).isEqualTo(DISK_BLOCKS * BLOCK_SIZE);
                assertThat(blob.allocatedBytes()).isPositive();
              });
    }
  }

  @Test
  void theStaleOriginalStillRunsInTheTargetRegion() {
    Scenario s = seed(small());

    VirtualMachine stale = targetVm(s);
    assertThat(stale.location()).isEqualTo(s.targetRegion());
    assertThat(stale.powerState()).isEqualTo(PowerState.Running);
    assertThat(stale.disks())
        .extracting(d -> d.vhd().storageAccount())
        .containsOnly(item(s).target().storageAccount());
  }

  @Test
  void aStoppedTargetVmIsSeededStopped() {
    Scenario s = seed(small().targetVm(Scenario.TargetVm.Stopped));

    assertThat(targetVm(s).powerState()).isEqualTo(PowerState.Stopped);
  }

  @Test
  void sourceAndStaleDisksDifferInEverySlot() {
    Scenario s = seed(small().dataDisks(2));

    Map<String, VmDisk> stale = bySlot(targetVm(s));
    for (VmDisk active : sourceVm(s).disks()) {
      assertThat(world.azure.storage().checksum(CALLER, active.vhd()))
          .as("slot %s", active.slot())
          .isNotEqualTo(world.azure.storage().checksum(CALLER, stale.get(active.slot()).vhd()));
    }
  }

  @Test
  void theStaleDisksHoldBlocksTheSourceNeverHad() {
    Scenario s = seed(small().dataDisks(1));

    Map<String, VmDisk> stale = bySlot(targetVm(s));
    for (VmDisk active : sourceVm(s).disks()) {
      TreeSet<Long> staleOnly = world.allocated(stale.get(active.slot()).vhd());
      staleOnly.removeAll(world.allocated(active.vhd()));
      assertThat(staleOnly).as("slot %s", active.slot()).hasSize(ScenarioSeeder.STALE_ONLY);
    }
  }

  @Test
  void bothSidesChangedBlocksTheyShare() {
    Scenario s = seed(small());

    VmDisk active = sourceVm(s).osDisk();
    VmDisk stale = targetVm(s).osDisk();
    Map<Long, String> activeHashes = hashes(active);
    Map<Long, String> staleHashes = hashes(stale);
    long differingShared =
        activeHashes.keySet().stream()
            .filter(staleHashes::containsKey)
            .filter(i -> !activeHashes.get(i).equals(staleHashes.get(i)))
            .count();
    long equalShared =
        activeHashes.keySet().stream()
            .filter(i -> activeHashes.get(i).equals(staleHashes.get(i)))
            .count();
    assertThat(differingShared).isPositive();
    assertThat(equalShared).isPositive();
  }

  @Test
  void seedingIsDeterministic() {
    Scenario s = seed(small().dataDisks(2));

    try (SimTestWorld other = SimTestWorld.in(dataDir.resolve("second"))) {
      new ScenarioSeeder(other.azure).seed(s);

      assertThat(other.azure.exportState()).isEqualTo(world.azure.exportState());
      // The disks are seeded in parallel: the same operations, interleaved in any order.
      assertThat(other.log())
          .extracting(ActivityLogEntry::operation, ActivityLogEntry::resourceId)
          .containsExactlyInAnyOrderElementsOf(
              world.log().stream().map(e -> tuple(e.operation(), e.resourceId())).toList());
    }
  }

  @Test
  void anotherRandomSeedSeedsOtherBytes() {
    Scenario s = seed(small());

    try (SimTestWorld other = SimTestWorld.in(dataDir.resolve("second"))) {
      new ScenarioSeeder(other.azure).seed(s.toBuilder().randomSeed(s.randomSeed() + 1).build());

      assertThat(other.azure.exportState()).isNotEqualTo(world.azure.exportState());
    }
  }

  @ParameterizedTest
  @CsvSource({"eastasia, southeastasia", "southeastasia, eastasia"})
  void theSourceIsWhereverTheVmRunsNow(String source, String target) {
    Scenario s = seed(small().regions(source, target));

    assertThat(item(s).source().region()).isEqualTo(source);
    assertThat(item(s).target().region()).isEqualTo(target);
    assertThat(sourceVm(s).location()).isEqualTo(source);
    assertThat(targetVm(s).location()).isEqualTo(target);
  }

  @Test
  void aDeletedTargetVmLeavesNoVmAndNoDiskBlobs() {
    Scenario s = seed(small().targetVm(Scenario.TargetVm.Deleted));

    assertThat(world.azure.compute().virtualMachinesNamed(s.targetRegion(), s.vm())).isEmpty();
    String targetAccount = item(s).target().storageAccount();
    assertThat(world.azure.storage().storageAccount(targetAccount)).isPresent();
    assertThat(world.azure.storage().blobs(targetAccount, ScenarioSeeder.DISK_CONTAINER)).isEmpty();
    assertThat(sourceVm(s).powerState()).isEqualTo(PowerState.Running);
  }

  @Test
  void aMovedSourceVmIsFoundInAnotherResourceGroupOfTheSourceRegion() {
    Scenario s = seed(small().sourceVm(Scenario.SourceVm.Moved));

    String recorded = item(s).source().resourceGroup();
    assertThat(world.azure.compute().virtualMachine(recorded, s.vm())).isEmpty();
    assertThat(world.azure.compute().virtualMachinesNamed(s.sourceRegion(), s.vm()))
        .singleElement()
        .satisfies(
            vm -> {
              assertThat(vm.resourceGroup()).isNotEqualToIgnoringCase(recorded);
              assertThat(vm.location()).isEqualTo(s.sourceRegion());
              assertThat(world.azure.storage().blob(vm.osDisk().vhd())).isPresent();
            });
  }

  @Test
  void aDeletedSourceVmIsGoneFromTheSourceRegion() {
    Scenario s = seed(small().sourceVm(Scenario.SourceVm.Deleted));

    assertThat(world.azure.compute().virtualMachinesNamed(s.sourceRegion(), s.vm())).isEmpty();
    assertThat(targetVm(s).location()).isEqualTo(s.targetRegion());
  }

  @Test
  void anUnavailableTargetRegionIsSeededDown() {
    Scenario s = seed(small().targetRegionAvailable(false));

    assertThat(world.azure.resources().region(s.targetRegion()).orElseThrow().available())
        .isFalse();
    assertThat(world.azure.resources().region(s.sourceRegion()).orElseThrow().available()).isTrue();
    assertThatThrownBy(
            () ->
                world
                    .azure
                    .resources()
                    .createResourceGroup(CALLER, new ResourceGroup("rg-new", s.targetRegion())))
        .isInstanceOfSatisfying(
            AzureException.class,
            e -> assertThat(e.code()).isEqualTo(AzureErrorCode.RegionUnavailable));
  }

  @Test
  void aBusyItemHasItsOperationRunning() {
    Scenario s = seed(small().itemBusy(true));

    RunningOperation running = item(s).runningOperation();
    assertThat(running).isNotNull();
    assertThat(running.id()).isEqualTo(Scenario.BUSY_OPERATION_ID);
    assertThat(item(s).state()).isEqualTo(ProtectionState.FailoverCommitted);
    assertThatThrownBy(
            () ->
                world
                    .azure
                    .recoveryServices()
                    .claimOperation(
                        CALLER,
                        s.vault(),
                        s.vm(),
                        new RunningOperation(
                            "Reprotect", "reprotect.contoso.web-01", null, Instant.EPOCH),
                        null,
                        ProtectionState.Reprotecting))
        .isInstanceOfSatisfying(
            AzureException.class,
            e -> assertThat(e.code()).isEqualTo(AzureErrorCode.OperationInProgress));
  }

  @Test
  void theNetworkMappingExistsBothWaysUnlessLeftOut() {
    Scenario mapped = seed(small());
    VirtualMachine vm = sourceVm(mapped);
    assertThat(
            world
                .azure
                .network()
                .networkMapping(mapped.sourceRegion(), vm.networkId(), mapped.targetRegion()))
        .hasValueSatisfying(
            m -> assertThat(m.targetNetworkId()).isEqualTo(targetVm(mapped).networkId()));
    assertThat(
            world
                .azure
                .network()
                .networkMapping(
                    mapped.targetRegion(), targetVm(mapped).networkId(), mapped.sourceRegion()))
        .isPresent();

    try (SimTestWorld other = SimTestWorld.in(dataDir.resolve("second"))) {
      new ScenarioSeeder(other.azure).seed(small().networkMapped(false).build());
      assertThat(
              other
                  .azure
                  .network()
                  .networkMapping(mapped.sourceRegion(), vm.networkId(), mapped.targetRegion()))
          .isEmpty();
    }
  }

  @Test
  void anAvailabilitySetExistsOnBothSidesWhenAsked() {
    Scenario s = seed(small().inAvailabilitySet(true));

    String set = sourceVm(s).availabilitySet();
    assertThat(set).isNotNull();
    assertThat(targetVm(s).availabilitySet()).isEqualTo(set);
    assertThat(world.azure.compute().availabilitySetsNamed(s.sourceRegion(), set)).hasSize(1);
    assertThat(world.azure.compute().availabilitySetsNamed(s.targetRegion(), set)).hasSize(1);
  }

  @Test
  void noAvailabilitySetByDefault() {
    Scenario s = seed(small());

    assertThat(sourceVm(s).availabilitySet()).isNull();
  }

  @Test
  void aGrownSourceDataDiskIsLargerThanItsStaleCounterpart() {
    Scenario s = seed(small().sourceDataDiskGrowthBytes(4L * BLOCK_SIZE));

    VmDisk activeData = sourceVm(s).dataDisks().get(0);
    VmDisk staleData = targetVm(s).dataDisks().get(0);
    long grown = (DISK_BLOCKS + 4) * BLOCK_SIZE;
    assertThat(world.azure.storage().blob(activeData.vhd()).orElseThrow().sizeBytes())
        .isEqualTo(grown);
    assertThat(world.azure.storage().blob(staleData.vhd()).orElseThrow().sizeBytes())
        .isEqualTo(DISK_BLOCKS * BLOCK_SIZE);
    assertThat(world.allocated(activeData.vhd())).contains(grown / BLOCK_SIZE - 1);
    assertThat(world.azure.storage().blob(sourceVm(s).osDisk().vhd()).orElseThrow().sizeBytes())
        .isEqualTo(DISK_BLOCKS * BLOCK_SIZE);
  }

  @ParameterizedTest
  @EnumSource(
      value = ProtectionState.class,
      names = {"FailedOver", "Protected", "ReprotectFailed"})
  void anItemStateOtherThanCommittedIsNotFlaggedCommitted(ProtectionState state) {
    Scenario s = seed(small().itemState(state));

    assertThat(item(s).state()).isEqualTo(state);
    assertThat(item(s).failoverCommitted()).isFalse();
  }

  @Test
  void aCompletedMigrationIsRecorded() {
    Scenario s = seed(small().migrationCompleted(true));

    assertThat(item(s).migrationCompleted()).isTrue();
  }

  @Test
  void allocatedBlocksFollowTheScenariosPercentage() {
    Scenario s = seed(small().allocatedPercent(25).changedPercent(0));

    // The source is the original content plus no churn: exactly a quarter of the disk.
    assertThat(world.allocated(sourceVm(s).osDisk().vhd())).hasSize((int) (DISK_BLOCKS / 4));
  }

  @Test
  void aLongVmNameGetsADiskAccountOfItsOwnInEachRegion() {
    Scenario s = seed(small().vm("finance-reporting-db-primary-07"));

    String source = item(s).source().storageAccount();
    String target = item(s).target().storageAccount();
    assertThat(source)
        .isEqualTo("stfinanceresoutheastasia")
        .isEqualTo(ScenarioSeeder.storageAccountName(s.vm(), s.sourceRegion()));
    assertThat(target)
        .isEqualTo("stfinancereportieastasia")
        .isEqualTo(ScenarioSeeder.storageAccountName(s.vm(), s.targetRegion()));
    assertThat(sourceVm(s).osDisk().vhd().storageAccount()).isEqualTo(source);
    assertThat(targetVm(s).osDisk().vhd().storageAccount()).isEqualTo(target);
  }

  @Test
  void anAccountNameTheOtherRegionHoldsIsTakenByItsNextVariant() {
    // Shortened for southeastasia, "stabcdefghisouth..." leaves "stabcdefghisoutheastasia",
    // which eastasia's shortening ("stabcdefghisouth" + "eastasia") gives too.
    Scenario s = seed(small().vm("abcdefghisouthxyz"));

    assertThat(item(s).source().storageAccount()).isEqualTo("stabcdefghisoutheastasia");
    assertThat(item(s).target().storageAccount()).isEqualTo("stabcdefghisout1eastasia");
    assertThat(targetVm(s).osDisk().vhd().storageAccount())
        .isEqualTo(item(s).target().storageAccount());
  }

  @Test
  void aSecondVmSeededIntoTheWorldJoinsTheFirstInTheVault() {
    Scenario first = seed(small().vm("web-01"));
    String firstSource = item(first).source().storageAccount();
    String firstTarget = item(first).target().storageAccount();

    Scenario second = seed(small().vm("finance-reporting-db-primary-07"));

    assertThat(item(first).source().storageAccount()).isEqualTo(firstSource);
    assertThat(item(first).target().storageAccount()).isEqualTo(firstTarget);
    assertThat(item(second).state()).isEqualTo(ProtectionState.FailoverCommitted);
    assertThat(sourceVm(second).location()).isEqualTo(second.sourceRegion());
    assertThat(targetVm(second).location()).isEqualTo(second.targetRegion());
    for (Scenario s : new Scenario[] {first, second}) {
      assertThat(sourceVm(s).disks())
          .allSatisfy(disk -> assertThat(world.azure.storage().blob(disk.vhd())).isPresent());
    }
    assertThat(
            world
                .azure
                .recoveryServices()
                .recoveryPlan(first.vault(), Scenario.RECOVERY_PLAN)
                .orElseThrow()
                .items())
        .containsExactly(first.vm(), second.vm());
  }

  private static Map<String, VmDisk> bySlot(VirtualMachine vm) {
    Map<String, VmDisk> slots = new HashMap<>();
    vm.disks().forEach(d -> slots.put(d.slot(), d));
    assertThat(slots.keySet()).hasSize(vm.disks().size());
    return slots;
  }

  private Map<Long, String> hashes(VmDisk disk) {
    String region = world.azure.storage().blob(disk.vhd()).orElseThrow().location();
    Map<Long, String> byIndex = new HashMap<>();
    for (BlockHash h :
        world.azure.storage().blockHashes(CALLER, disk.vhd(), 0, DISK_BLOCKS, region).entries()) {
      byIndex.put(h.index(), h.hash());
    }
    return byIndex;
  }
}
