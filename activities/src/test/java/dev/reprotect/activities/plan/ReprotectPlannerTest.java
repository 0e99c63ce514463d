package dev.reprotect.activities.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reprotect.activities.ArtefactType;
import dev.reprotect.activities.Customization;
import dev.reprotect.activities.PlanDigest;
import dev.reprotect.activities.PlannedArtefact;
import dev.reprotect.activities.PlannedDisk;
import dev.reprotect.activities.ProtectionPlan;
import dev.reprotect.activities.ReprotectErrorCode;
import dev.reprotect.activities.ReprotectRefusal;
import dev.reprotect.activities.ReprotectRequest;
import dev.reprotect.activities.SyncChoice;
import dev.reprotect.activities.TargetVmPlan;
import dev.reprotect.azure.BlobRef;
import dev.reprotect.azure.Caller;
import dev.reprotect.azure.ItemSide;
import dev.reprotect.azure.NameRules;
import dev.reprotect.azure.PowerState;
import dev.reprotect.azure.ReplicatedItem;
import dev.reprotect.azure.ResourceGroup;
import dev.reprotect.azure.StorageAccount;
import dev.reprotect.azure.VirtualMachine;
import dev.reprotect.azure.VmDisk;
import dev.reprotect.azure.sim.Scenario;
import dev.reprotect.azure.sim.ScenarioSeeder;
import dev.reprotect.azure.sim.SimulatedAzure;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The plan fixes every name once, from the backend's state: plain unit tests, no Temporal. */
class ReprotectPlannerTest {
  private static final int BLOCK_SIZE = 64 * 1024;
  private static final long DISK_SIZE = 8L << 20;
  private static final Caller TEST = Caller.of("planner-test");
  private static final String SOURCE = "southeastasia";
  private static final String TARGET = "eastasia";

  private final List<SimulatedAzure> worlds = new ArrayList<>();

  @AfterEach
  void closeWorlds() {
    worlds.forEach(SimulatedAzure::close);
  }

  private static Scenario.Builder scenario() {
    return Scenario.builder().diskSizeBytes(DISK_SIZE).dataDisks(1);
  }

  private SimulatedAzure world(Scenario scenario) {
    SimulatedAzure azure = SimulatedAzure.seeded(scenario, BLOCK_SIZE);
    worlds.add(azure);
    return azure;
  }

  private static ProtectionPlan plan(SimulatedAzure azure, Scenario s) {
    return plan(azure, s, Customization.none());
  }

  private static ProtectionPlan plan(SimulatedAzure azure, Scenario s, Customization custom) {
    return new ReprotectPlanner(azure).plan(new ReprotectRequest(s.vault(), s.vm(), custom), null);
  }

  private static ReplicatedItem item(SimulatedAzure azure, Scenario s) {
    return azure.recoveryServices().replicatedItem(s.vault(), s.vm()).orElseThrow();
  }

  /** Rewrites the item as if its recorded target storage account had been deleted since. */
  private static void forgetRecordedTargetAccount(SimulatedAzure azure, Scenario s) {
    ReplicatedItem item = item(azure, s);
    ItemSide target = item.target();
    azure
        .recoveryServices()
        .putReplicatedItem(
            TEST,
            item.withReplicationTo(
                new ItemSide(target.region(), target.resourceGroup(), "stdeletedlongago"),
                item.source().network(),
                item.cacheStorageAccount(),
                item.replicaDisks(),
                item.reprotectCycles()));
    assertThat(azure.storage().storageAccount("stdeletedlongago")).isEmpty();
  }

  /** Rewrites the item as if its record of the source side's account were out of date. */
  private static void recordSourceAccount(SimulatedAzure azure, Scenario s, String account) {
    ReplicatedItem item = item(azure, s);
    ItemSide source = item.source();
    ItemSide recorded = new ItemSide(source.region(), source.resourceGroup(), account);
    boolean sourceIsPrimary = item.primary().equals(source);
    azure
        .recoveryServices()
        .putReplicatedItem(
            TEST,
            new ReplicatedItem(
                item.vault(),
                item.name(),
                sourceIsPrimary ? recorded : item.primary(),
                sourceIsPrimary ? item.recovery() : recorded,
                item.activeLocation(),
                item.state(),
                item.policy(),
                item.cacheStorageAccount(),
                item.replicaDisks(),
                item.runningOperation(),
                item.failoverCommitted(),
                item.migrationCompleted()));
  }

  private static VirtualMachine sourceVm(SimulatedAzure azure, Scenario s) {
    return azure
        .compute()
        .virtualMachine(item(azure, s).source().resourceGroup(), s.vm())
        .orElseThrow();
  }

  private static StorageAccount someoneElsesAccount(
      SimulatedAzure azure, String name, String region) {
    ResourceGroup group =
        azure
            .resources()
            .createResourceGroup(TEST, new ResourceGroup("rg-someone-else-" + region, region));
    return azure
        .storage()
        .createStorageAccount(
            TEST, new StorageAccount(name, group.name(), region, StorageAccount.KIND, Map.of()));
  }

  @Nested
  class TargetStorageAccount {
    @Test
    void isTheItemsRecordedTargetAccountWhenItStillExists() {
      Scenario s = scenario().build();
      SimulatedAzure azure = world(s);

      PlannedArtefact account = plan(azure, s).targetStorageAccount();

      assertThat(account.name())
          .isEqualTo(ScenarioSeeder.storageAccountName(s.vm(), TARGET))
          .isEqualTo(item(azure, s).target().storageAccount());
      assertThat(account.exists()).isTrue();
      assertThat(account.region()).isEqualTo(TARGET);
      assertThat(account.resourceGroup())
          .isEqualTo(ScenarioSeeder.resourceGroupName(s.vm(), TARGET));
      assertThat(account.type()).isEqualTo(ArtefactType.StorageAccount);
    }

    @Test
    void isNamedAfterTheSourceAccountWithAsrWhenTheRecordedOneIsGone() {
      Scenario s = scenario().build();
      SimulatedAzure azure = world(s);
      forgetRecordedTargetAccount(azure, s);

      PlannedArtefact account = plan(azure, s).targetStorageAccount();

      assertThat(account.name()).isEqualTo("stweb01southeastasiaasr");
      assertThat(account.exists()).isFalse();
      assertThat(account.region()).isEqualTo(TARGET);
      assertThat(account.resourceGroup())
          .isEqualTo(ScenarioSeeder.resourceGroupName(s.vm(), TARGET));
    }

    @Test
    void isNamedAfterTheAccountHoldingTheSourceDisksNotAfterTheItemsRecordOfIt() {
      Scenario s = scenario().build();
      SimulatedAzure azure = world(s);
      forgetRecordedTargetAccount(azure, s);
      recordSourceAccount(azure, s, "strecordedlongago");
      String disksAccount = sourceVm(azure, s).osDisk().vhd().storageAccount();

      PlannedArtefact account = plan(azure, s).targetStorageAccount();

      assertThat(account.name())
          .isEqualTo(disksAccount + "asr")
          .isEqualTo("stweb01southeastasiaasr");
      assertThat(account.exists()).isFalse();
    }

    @Test
    void aLongSourceAccountNameIsShortenedSoThatTheAsrSuffixSurvives() {
      Scenario s = scenario().vm("web-frontend-prod-01").build();
      SimulatedAzure azure = world(s);
      forgetRecordedTargetAccount(azure, s);
      assertThat(item(azure, s).source().storageAccount()).isEqualTo("stwebfrontesoutheastasia");

      String name = plan(azure, s).targetStorageAccount().name();

      assertThat(name).isEqualTo("stwebfrontesoutheastaasr").hasSize(24).endsWith("asr");
      assertThat(NameRules.isValidStorageAccountName(name)).isTrue();
    }

    @Test
    void aNameTakenBySomeoneElseInAnotherResourceGroupMovesToTheNextVariant() {
      Scenario s = scenario().vm("web-frontend-prod-01").build();
      SimulatedAzure azure = world(s);
      forgetRecordedTargetAccount(azure, s);
      someoneElsesAccount(azure, "stwebfrontesoutheastaasr", TARGET);

      PlannedArtefact account = plan(azure, s).targetStorageAccount();

      assertThat(account.name()).isEqualTo("stwebfrontesoutheast1asr");
      assertThat(account.exists()).isFalse();
      assertThat(NameRules.isValidStorageAccountName(account.name())).isTrue();
    }

    @Test
    void aNameTakenInAnotherRegionMovesToTheNextVariantAndSoOnDeterministically() {
      Scenario s = scenario().vm("web-frontend-prod-01").build();
      SimulatedAzure azure = world(s);
      forgetRecordedTargetAccount(azure, s);
      someoneElsesAccount(azure, "stwebfrontesoutheastaasr", SOURCE);
      someoneElsesAccount(azure, "stwebfrontesoutheast1asr", SOURCE);

      String first = plan(azure, s).targetStorageAccount().name();
      String again = plan(azure, s).targetStorageAccount().name();

      assertThat(first).isEqualTo("stwebfrontesoutheast2asr").isEqualTo(again);
    }

    @Test
    void anAccountOfThatNameInTheTargetGroupAndRegionIsOursAndReused() {
      Scenario s = scenario().build();
      SimulatedAzure azure = world(s);
      forgetRecordedTargetAccount(azure, s);
      String targetGroup = ScenarioSeeder.resourceGroupName(s.vm(), TARGET);
      azure
          .storage()
          .createStorageAccount(
              TEST,
              new StorageAccount(
                  "stweb01southeastasiaasr", targetGroup, TARGET, StorageAccount.KIND, Map.of()));

      PlannedArtefact account = plan(azure, s).targetStorageAccount();

      assertThat(account.name()).isEqualTo("stweb01southeastasiaasr");
      assertThat(account.exists()).isTrue();
      assertThat(account.resourceGroup()).isEqualTo(targetGroup);
    }

    @Test
    void followsTheDirectionOfTheFailover() {
      Scenario s = scenario().regions(TARGET, SOURCE).build();
      SimulatedAzure azure = world(s);

      ProtectionPlan plan = plan(azure, s);

      assertThat(plan.sourceRegion()).isEqualTo(TARGET);
      assertThat(plan.targetRegion()).isEqualTo(SOURCE);
      assertThat(plan.targetStorageAccount().name())
          .isEqualTo(ScenarioSeeder.storageAccountName(s.vm(), SOURCE));
      assertThat(plan.cacheStorageAccount().region()).isEqualTo(TARGET);
    }
  }

  @Nested
  class CacheStorageAccount {
    private StorageAccount cacheAccount(
        SimulatedAzure azure, String name, String vault, String region) {
      ResourceGroup group =
          azure
              .resources()
              .createResourceGroup(TEST, new ResourceGroup("rg-cache-" + region, region));
      return azure
          .storage()
          .createStorageAccount(
              TEST,
              new StorageAccount(
                  name,
                  group.name(),
                  region,
                  StorageAccount.KIND,
                  Map.of(
                      StorageAccount.TAG_VAULT,
                      vault,
                      StorageAccount.TAG_ROLE,
                      StorageAccount.ROLE_CACHE)));
    }

    @Test
    void isANewAccountInTheSourceRegionWhenTheVaultHasNone() {
      Scenario s = scenario().build();
      SimulatedAzure azure = world(s);

      PlannedArtefact cache = plan(azure, s).cacheStorageAccount();

      assertThat(cache.exists()).isFalse();
      assertThat(cache.region()).isEqualTo(SOURCE);
      assertThat(cache.name()).isEqualTo("contosoasrcache");
      assertThat(NameRules.isValidStorageAccountName(cache.name())).isTrue();
      assertThat(azure.storage().storageAccount(cache.name())).isEmpty();
    }

    @Test
    void isTheVaultsExistingCacheAccountInTheSourceRegion() {
      Scenario s = scenario().build();
      SimulatedAzure azure = world(s);
      cacheAccount(azure, "contosocacheexisting", s.vault(), SOURCE);

      PlannedArtefact cache = plan(azure, s).cacheStorageAccount();

      assertThat(cache.name()).isEqualTo("contosocacheexisting");
      assertThat(cache.exists()).isTrue();
      assertThat(cache.region()).isEqualTo(SOURCE);
      assertThat(cache.resourceGroup()).isEqualTo("rg-cache-" + SOURCE);
    }

    @Test
    void neverReusesACacheAccountOfTheTargetRegionOrOfAnotherVault() {
      Scenario s = scenario().build();
      SimulatedAzure azure = world(s);
      cacheAccount(azure, "contosocachewrongside", s.vault(), TARGET);
      cacheAccount(azure, "othervaultcache", "fabrikam", SOURCE);

      PlannedArtefact cache = plan(azure, s).cacheStorageAccount();

      assertThat(cache.name()).isNotIn("contosocachewrongside", "othervaultcache");
      assertThat(cache.exists()).isFalse();
      assertThat(cache.region()).isEqualTo(SOURCE);
    }
  }

  @Nested
  class Customisations {
    @Test
    void everyCustomisedNameIsHonoured() {
      Scenario s = scenario().inAvailabilitySet(true).build();
      SimulatedAzure azure = world(s);

      ProtectionPlan plan =
          plan(
              azure,
              s,
              new Customization(
                  "rg-dr-custom", "stcustomtarget01", "stcustomcache01", "avset-custom", null));

      assertThat(plan.targetResourceGroup().name()).isEqualTo("rg-dr-custom");
      assertThat(plan.targetResourceGroup().exists()).isFalse();
      assertThat(plan.targetResourceGroup().region()).isEqualTo(TARGET);
      assertThat(plan.targetStorageAccount().name()).isEqualTo("stcustomtarget01");
      assertThat(plan.targetStorageAccount().exists()).isFalse();
      assertThat(plan.targetStorageAccount().resourceGroup()).isEqualTo("rg-dr-custom");
      assertThat(plan.targetStorageAccount().region()).isEqualTo(TARGET);
      assertThat(plan.cacheStorageAccount().name()).isEqualTo("stcustomcache01");
      assertThat(plan.cacheStorageAccount().exists()).isFalse();
      assertThat(plan.cacheStorageAccount().region()).isEqualTo(SOURCE);
      assertThat(plan.availabilitySet().name()).isEqualTo("avset-custom");
      assertThat(plan.availabilitySet().exists()).isFalse();
      assertThat(plan.availabilitySet().resourceGroup()).isEqualTo("rg-dr-custom");
      assertThat(plan.availabilitySet().region()).isEqualTo(TARGET);
      assertThat(plan.disks())
          .allSatisfy(
              disk -> assertThat(disk.replica().storageAccount()).isEqualTo("stcustomtarget01"));
    }

    @Test
    void aCustomisedExistingAccountOfTheRightRegionIsReusedAsItIs() {
      Scenario s = scenario().build();
      SimulatedAzure azure = world(s);
      someoneElsesAccount(azure, "stexistingtarget", TARGET);

      PlannedArtefact account =
          plan(azure, s, new Customization(null, "stexistingtarget", null, null, null))
              .targetStorageAccount();

      assertThat(account.name()).isEqualTo("stexistingtarget");
      assertThat(account.exists()).isTrue();
      assertThat(account.resourceGroup()).isEqualTo("rg-someone-else-" + TARGET);
    }

    @Test
    void aCustomisedTargetAccountNeverSharesItsNameWithTheDefaultCacheAccount() {
      Scenario s = scenario().build();
      SimulatedAzure azure = world(s);
      ProtectionPlan defaults = plan(azure, s);

      ProtectionPlan plan =
          plan(azure, s, targetAccountNamed(defaults.cacheStorageAccount().name()));

      assertThat(plan.targetStorageAccount().name())
          .isNotEqualTo(plan.cacheStorageAccount().name());
    }

    @Test
    void aCustomisedCacheAccountNeverSharesItsNameWithTheDefaultTargetAccount() {
      Scenario s = scenario().build();
      SimulatedAzure azure = world(s);
      forgetRecordedTargetAccount(azure, s);
      ProtectionPlan defaults = plan(azure, s);

      ProtectionPlan plan =
          plan(
              azure,
              s,
              new Customization(null, null, defaults.targetStorageAccount().name(), null, null));

      assertThat(plan.cacheStorageAccount().name())
          .isNotEqualTo(plan.targetStorageAccount().name());
    }

    private static Customization targetAccountNamed(String name) {
      return new Customization(null, name, null, null, null);
    }

    @Test
    void namingTheMappedTargetNetworkIsNotACustomisation() {
      Scenario s = scenario().build();
      SimulatedAzure azure = world(s);

      ProtectionPlan plan =
          plan(azure, s, new Customization(null, null, null, null, "vnet-" + TARGET));

      assertThat(plan.targetNetwork().name()).isEqualTo("vnet-" + TARGET);
      assertThat(plan.targetNetwork().exists()).isTrue();
    }
  }

  @Nested
  class AvailabilitySet {
    @Test
    void isNotPlannedWhenTheSourceVmIsInNone() {
      Scenario s = scenario().build();
      SimulatedAzure azure = world(s);

      ProtectionPlan plan = plan(azure, s);

      assertThat(plan.availabilitySet()).isNull();
      assertThat(plan.artefacts())
          .extracting(PlannedArtefact::type)
          .doesNotContain(ArtefactType.AvailabilitySet);
    }

    @Test
    void isTheTargetRegionsSetOfTheSameNameWhenTheSourceVmIsInOne() {
      Scenario s = scenario().inAvailabilitySet(true).build();
      SimulatedAzure azure = world(s);

      ProtectionPlan plan = plan(azure, s);

      assertThat(plan.availabilitySet()).isNotNull();
      assertThat(plan.availabilitySet().name()).isEqualTo("avset-" + s.vm());
      assertThat(plan.availabilitySet().exists()).isTrue();
      assertThat(plan.availabilitySet().region()).isEqualTo(TARGET);
      assertThat(plan.availabilitySet().resourceGroup())
          .isEqualTo(ScenarioSeeder.resourceGroupName(s.vm(), TARGET));
      assertThat(plan.artefacts()).contains(plan.availabilitySet());
    }
  }

  @Nested
  class Disks {
    private static VirtualMachine vm(SimulatedAzure azure, Scenario s, String region) {
      return azure
          .compute()
          .virtualMachine(ScenarioSeeder.resourceGroupName(s.vm(), region), s.vm())
          .orElseThrow();
    }

    private static Map<String, VmDisk> bySlot(VirtualMachine vm) {
      return vm.disks().stream().collect(Collectors.toMap(VmDisk::slot, Function.identity()));
    }

    @Test
    void arePairedBySlotWithTheStaleVmsDisks() {
      Scenario s = scenario().dataDisks(2).build();
      SimulatedAzure azure = world(s);
      VirtualMachine stale = vm(azure, s, TARGET);
      // The stale VM lists its data disks in another order: pairing goes by LUN, not position.
      List<VmDisk> reversed = new ArrayList<>(stale.dataDisks());
      java.util.Collections.reverse(reversed);
      azure
          .compute()
          .createVirtualMachine(
              TEST,
              new VirtualMachine(
                  stale.resourceGroup(),
                  stale.name(),
                  stale.location(),
                  stale.powerState(),
                  stale.osDisk(),
                  reversed,
                  stale.networkId(),
                  stale.availabilitySet()));
      Map<String, VmDisk> source = bySlot(vm(azure, s, SOURCE));
      Map<String, VmDisk> target = bySlot(stale);

      ProtectionPlan plan = plan(azure, s);

      assertThat(plan.targetVm().name()).isEqualTo(s.vm());
      assertThat(plan.targetVm().region()).isEqualTo(TARGET);
      assertThat(plan.targetVm().powerState()).isEqualTo(PowerState.Running);
      assertThat(plan.disks()).extracting(PlannedDisk::slot).containsExactly("os", "lun0", "lun1");
      assertThat(plan.disks())
          .allSatisfy(
              disk -> {
                assertThat(disk.source()).isEqualTo(source.get(disk.slot()).vhd());
                assertThat(disk.targetDisk()).isEqualTo(target.get(disk.slot()).vhd());
                assertThat(disk.name()).isEqualTo(source.get(disk.slot()).name());
                assertThat(disk.sizeBytes()).isEqualTo(DISK_SIZE);
                assertThat(disk.replica())
                    .isEqualTo(
                        new BlobRef(
                            plan.targetStorageAccount().name(),
                            ProtectionPlan.SEED_CONTAINER,
                            disk.name() + ".cycle1.vhd"));
                assertThat(disk.replicaExists()).isFalse();
                assertThat(disk.hasSeed()).isTrue();
              });
    }

    @Test
    void haveNoSeedWhenTheTargetVmIsGone() {
      Scenario s = scenario().targetVm(Scenario.TargetVm.Deleted).build();
      SimulatedAzure azure = world(s);

      ProtectionPlan plan = plan(azure, s);

      assertThat(plan.targetVm()).isNull();
      assertThat(plan.disks())
          .hasSize(2)
          .allSatisfy(
              disk -> {
                assertThat(disk.targetDisk()).isNull();
                assertThat(disk.replicaExists()).isFalse();
                assertThat(disk.hasSeed()).isFalse();
              });
    }

    @Test
    void takeTheSizeOfAResizedSourceDisk() {
      long growth = 4L * BLOCK_SIZE;
      Scenario s = scenario().sourceDataDiskGrowthBytes(growth).build();
      SimulatedAzure azure = world(s);

      Map<String, PlannedDisk> disks =
          plan(azure, s).disks().stream()
              .collect(Collectors.toMap(PlannedDisk::slot, Function.identity()));

      assertThat(disks.get("os").sizeBytes()).isEqualTo(DISK_SIZE);
      assertThat(disks.get("lun0").sizeBytes()).isEqualTo(DISK_SIZE + growth);
    }

    @Test
    void markTheReplicaAsExistingWhenASeedBlobIsAlreadyThere() {
      Scenario s = scenario().build();
      SimulatedAzure azure = world(s);
      ProtectionPlan first = plan(azure, s);
      PlannedDisk os = first.disks().get(0);
      azure.storage().createPageBlob(TEST, os.replica(), os.sizeBytes());

      Map<String, PlannedDisk> disks =
          plan(azure, s).disks().stream()
              .collect(Collectors.toMap(PlannedDisk::slot, Function.identity()));

      assertThat(disks.get("os").replicaExists()).isTrue();
      assertThat(disks.get("os").replica()).isEqualTo(os.replica());
      assertThat(disks.get("lun0").replicaExists()).isFalse();
    }
  }

  @Nested
  class Digest {
    private static void turnOffTargetVm(SimulatedAzure azure, ProtectionPlan reviewed) {
      TargetVmPlan targetVm = reviewed.targetVm();
      azure.compute().powerOff(TEST, targetVm.resourceGroup(), targetVm.name());
    }

    @Test
    void planningTheSameWorldTwiceGivesTheSameDigest() {
      Scenario s = scenario().inAvailabilitySet(true).build();
      SimulatedAzure azure = world(s);

      String first = plan(azure, s).digest();
      String second = plan(azure, s).digest();

      assertThat(first).hasSize(64).matches("[0-9a-f]+").isEqualTo(second);
    }

    @Test
    void theOrderOfTheDisksDoesNotChangeIt() {
      Scenario s = scenario().dataDisks(2).build();
      ProtectionPlan plan = plan(world(s), s);
      List<PlannedDisk> reversed = new ArrayList<>(plan.disks());
      java.util.Collections.reverse(reversed);

      ProtectionPlan reordered =
          new ProtectionPlan(
              plan.vault(),
              plan.vm(),
              plan.sourceRegion(),
              plan.targetRegion(),
              plan.sourceResourceGroup(),
              plan.targetResourceGroup(),
              plan.targetNetwork(),
              plan.targetStorageAccount(),
              plan.cacheStorageAccount(),
              plan.availabilitySet(),
              plan.targetVm(),
              reversed,
              plan.cycle(),
              plan.checkedItem());

      assertThat(reordered.digest()).isEqualTo(plan.digest());
    }

    @Test
    void changesWithTheTargetVmsPowerState() {
      Scenario s = scenario().build();
      SimulatedAzure azure = world(s);
      ProtectionPlan reviewed = plan(azure, s);

      turnOffTargetVm(azure, reviewed);
      ProtectionPlan now = plan(azure, s);

      assertThat(now.targetVm().powerState()).isEqualTo(PowerState.Stopped);
      assertThat(now.digest()).isNotEqualTo(reviewed.digest());
    }

    @Test
    void changesWithAnyNameOrNewExistingFlag() {
      Scenario s = scenario().build();
      SimulatedAzure azure = world(s);
      String defaults = plan(azure, s).digest();

      assertThat(plan(azure, s, new Customization("rg-other", null, null, null, null)).digest())
          .isNotEqualTo(defaults);
      assertThat(plan(azure, s, new Customization(null, null, "stothercache", null, null)).digest())
          .isNotEqualTo(defaults);
    }

    @Test
    void theReviewedDigestOrAPrefixOfItLetsThePlanThrough() {
      Scenario s = scenario().build();
      SimulatedAzure azure = world(s);
      ProtectionPlan reviewed = plan(azure, s);
      ReprotectPlanner planner = new ReprotectPlanner(azure);
      ReprotectRequest request = new ReprotectRequest(s.vault(), s.vm(), Customization.none());

      assertThat(planner.plan(request.withReviewedPlan(reviewed.digest()), null))
          .isEqualTo(reviewed);
      assertThat(
              planner.plan(
                  request.withReviewedPlan(
                      PlanDigest.shortForm(reviewed.digest()).toUpperCase(java.util.Locale.ROOT)),
                  null))
          .isEqualTo(reviewed);
    }

    /**
     * The sync chosen for each disk is part of the plan: a reviewed plan whose choice changed (here
     * forced to a full compare) is refused as any other change is.
     */
    @Test
    void changesWithTheSyncChosenForADisk() {
      Scenario s = scenario().build();
      SimulatedAzure azure = world(s);
      ProtectionPlan reviewed = plan(azure, s);
      ReprotectRequest forced =
          new ReprotectRequest(s.vault(), s.vm(), Customization.none()).withFullCompare(true);

      ProtectionPlan full = new ReprotectPlanner(azure).plan(forced, null);

      assertThat(reviewed.disks())
          .allSatisfy(disk -> assertThat(disk.sync().reason()).isEqualTo("NoLineage"));
      assertThat(full.disks())
          .allSatisfy(disk -> assertThat(disk.sync().reason()).isEqualTo(SyncChoice.REQUESTED));
      assertThat(full.digest()).isNotEqualTo(reviewed.digest());
      ReprotectRefusal refusal =
          org.assertj.core.api.Assertions.catchThrowableOfType(
              ReprotectRefusal.class,
              () ->
                  new ReprotectPlanner(azure)
                      .plan(forced.withReviewedPlan(reviewed.digest()), null));
      assertThat(refusal.code()).isEqualTo(ReprotectErrorCode.PlanChanged);
    }

    @Test
    void aPlanThatDiffersFromTheReviewedOneIsRefusedWithPlanChanged() {
      Scenario s = scenario().build();
      SimulatedAzure azure = world(s);
      ProtectionPlan reviewed = plan(azure, s);
      turnOffTargetVm(azure, reviewed);
      ReprotectRequest request =
          new ReprotectRequest(s.vault(), s.vm(), Customization.none())
              .withReviewedPlan(PlanDigest.shortForm(reviewed.digest()));
      String before = azure.exportState();

      ReprotectRefusal refusal =
          org.assertj.core.api.Assertions.catchThrowableOfType(
              ReprotectRefusal.class, () -> new ReprotectPlanner(azure).plan(request, null));

      assertThat(refusal).isNotNull();
      assertThat(refusal.code()).isEqualTo(ReprotectErrorCode.PlanChanged);
      assertThat(refusal.getMessage())
          .contains(PlanDigest.shortForm(reviewed.digest()))
          .contains(PlanDigest.shortForm(plan(azure, s).digest()));
      assertThat(azure.exportState()).isEqualTo(before);
    }
  }

  static Stream<Scenario> worlds() {
    return Stream.of(
        scenario().build(),
        scenario().targetVm(Scenario.TargetVm.Deleted).build(),
        scenario().inAvailabilitySet(true).dataDisks(2).build(),
        scenario().regions(TARGET, SOURCE).targetVm(Scenario.TargetVm.Stopped).build());
  }

  @ParameterizedTest
  @MethodSource("worlds")
  void planningChangesNothingInTheBackend(Scenario s) {
    SimulatedAzure azure = world(s);
    String before = azure.exportState();
    int logged = azure.metering().activityLog().size();

    plan(azure, s);
    plan(azure, s, new Customization("rg-new", "stnewtarget", "stnewcache", null, null));

    assertThat(azure.exportState()).isEqualTo(before);
    assertThat(azure.metering().activityLog()).hasSize(logged);
  }
}
