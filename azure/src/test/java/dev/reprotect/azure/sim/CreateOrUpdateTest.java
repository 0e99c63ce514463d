package dev.reprotect.azure.sim;

import static dev.reprotect.azure.sim.SimTestWorld.BLOCK_SIZE;
import static dev.reprotect.azure.sim.SimTestWorld.CALLER;
import static dev.reprotect.azure.sim.SimTestWorld.EAST;
import static dev.reprotect.azure.sim.SimTestWorld.SOUTHEAST;
import static dev.reprotect.azure.sim.SimTestWorld.groupOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reprotect.azure.ActivityLogEntry;
import dev.reprotect.azure.AvailabilitySet;
import dev.reprotect.azure.AzureErrorCode;
import dev.reprotect.azure.AzureException;
import dev.reprotect.azure.BlobRef;
import dev.reprotect.azure.Caller;
import dev.reprotect.azure.ItemSide;
import dev.reprotect.azure.NetworkMapping;
import dev.reprotect.azure.PowerState;
import dev.reprotect.azure.ProtectionState;
import dev.reprotect.azure.ReplicatedItem;
import dev.reprotect.azure.ReplicationPolicy;
import dev.reprotect.azure.ResourceGroup;
import dev.reprotect.azure.RunningOperation;
import dev.reprotect.azure.StorageAccount;
import dev.reprotect.azure.Vault;
import dev.reprotect.azure.VirtualMachine;
import dev.reprotect.azure.VirtualNetwork;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ARM's create-or-update: the same request again returns what exists and logs nothing; a change of
 * an immutable property is a conflict; deleting what is gone succeeds. Only changes are logged.
 */
class CreateOrUpdateTest {
  @TempDir Path dataDir;
  private SimTestWorld world;

  @BeforeEach
  void setUp() {
    world = SimTestWorld.in(dataDir);
  }

  @AfterEach
  void tearDown() {
    world.close();
  }

  /** Runs a request twice and checks that the first logs {@code entries} and the second nothing. */
  private <T> T twiceLoggedOnce(int entries, Supplier<T> request) {
    int before = world.log().size();
    T first = request.get();
    assertThat(world.log()).hasSize(before + entries);
    String state = world.azure.exportState();
    T second = request.get();
    assertThat(second).isEqualTo(first);
    assertThat(world.log()).hasSize(before + entries);
    assertThat(world.azure.exportState()).isEqualTo(state);
    return second;
  }

  private void refusedWithoutChange(AzureErrorCode code, ThrowingCallable request) {
    String state = world.azure.exportState();
    List<ActivityLogEntry> log = world.log();
    assertThatThrownBy(request)
        .isInstanceOfSatisfying(AzureException.class, e -> assertThat(e.code()).isEqualTo(code));
    assertThat(world.azure.exportState()).isEqualTo(state);
    assertThat(world.log()).isEqualTo(log);
  }

  @Nested
  class ResourceGroups {
    @Test
    void theSameCreateTwiceReturnsTheExistingGroupAndLogsOnce() {
      ResourceGroup group =
          twiceLoggedOnce(
              1,
              () ->
                  world
                      .azure
                      .resources()
                      .createResourceGroup(CALLER, new ResourceGroup("rg-app", EAST)));

      assertThat(group).isEqualTo(new ResourceGroup("rg-app", EAST));
      assertThat(world.log().get(world.log().size() - 1).correlationId())
          .isEqualTo(CALLER.correlationId());
    }

    @Test
    void aGroupRecreatedInAnotherRegionIsAConflict() {
      world.azure.resources().createResourceGroup(CALLER, new ResourceGroup("rg-app", EAST));

      refusedWithoutChange(
          AzureErrorCode.Conflict,
          () ->
              world
                  .azure
                  .resources()
                  .createResourceGroup(CALLER, new ResourceGroup("rg-app", SOUTHEAST)));
    }
  }

  @Nested
  class StorageAccounts {
    private StorageAccount account(String group, String region, String kind) {
      return new StorageAccount("stapp", group, region, kind, Map.of());
    }

    @BeforeEach
    void groups() {
      world.group(EAST);
      world.group(SOUTHEAST);
    }

    @Test
    void theSameCreateTwiceReturnsTheExistingAccountAndLogsOnce() {
      StorageAccount created =
          twiceLoggedOnce(
              1,
              () ->
                  world
                      .azure
                      .storage()
                      .createStorageAccount(
                          CALLER, account(groupOf(EAST), EAST, StorageAccount.KIND)));

      assertThat(world.azure.storage().storageAccount("stapp")).contains(created);
    }

    @Test
    void anAccountRecreatedInAnotherRegionIsAConflict() {
      world
          .azure
          .storage()
          .createStorageAccount(CALLER, account(groupOf(EAST), EAST, StorageAccount.KIND));

      refusedWithoutChange(
          AzureErrorCode.Conflict,
          () ->
              world
                  .azure
                  .storage()
                  .createStorageAccount(
                      CALLER, account(groupOf(EAST), SOUTHEAST, StorageAccount.KIND)));
    }

    @Test
    void anAccountRecreatedAsAnotherKindIsAConflict() {
      world
          .azure
          .storage()
          .createStorageAccount(CALLER, account(groupOf(EAST), EAST, StorageAccount.KIND));

      refusedWithoutChange(
          AzureErrorCode.Conflict,
          () ->
              world
                  .azure
                  .storage()
                  .createStorageAccount(CALLER, account(groupOf(EAST), EAST, "BlobStorage")));
    }

    @Test
    void theSameNameInAnotherResourceGroupIsAlreadyTaken() {
      world
          .azure
          .storage()
          .createStorageAccount(CALLER, account(groupOf(EAST), EAST, StorageAccount.KIND));

      refusedWithoutChange(
          AzureErrorCode.StorageAccountAlreadyTaken,
          () ->
              world
                  .azure
                  .storage()
                  .createStorageAccount(
                      CALLER, account(groupOf(SOUTHEAST), SOUTHEAST, StorageAccount.KIND)));
      refusedWithoutChange(
          AzureErrorCode.StorageAccountAlreadyTaken,
          () ->
              world
                  .azure
                  .storage()
                  .createStorageAccount(
                      CALLER, account(groupOf(SOUTHEAST), EAST, StorageAccount.KIND)));
    }

    @Test
    void changedTagsAreAnUpdateAndAreLogged() {
      world
          .azure
          .storage()
          .createStorageAccount(CALLER, account(groupOf(EAST), EAST, StorageAccount.KIND));
      StorageAccount tagged =
          new StorageAccount(
              "stapp",
              groupOf(EAST),
              EAST,
              StorageAccount.KIND,
              Map.of(
                  StorageAccount.TAG_VAULT,
                  "contoso",
                  StorageAccount.TAG_ROLE,
                  StorageAccount.ROLE_CACHE));

      twiceLoggedOnce(1, () -> world.azure.storage().createStorageAccount(CALLER, tagged));

      assertThat(world.azure.storage().storageAccount("stapp").orElseThrow().isCacheOf("contoso"))
          .isTrue();
    }

    @Test
    void anAccountNeedsAnExistingResourceGroup() {
      refusedWithoutChange(
          AzureErrorCode.ResourceNotFound,
          () ->
              world
                  .azure
                  .storage()
                  .createStorageAccount(CALLER, account("rg-missing", EAST, StorageAccount.KIND)));
    }
  }

  @Nested
  class Blobs {
    private BlobRef ref;

    @BeforeEach
    void account() {
      world.account("steast", EAST);
      ref = new BlobRef("steast", "vhds", "disk.vhd");
    }

    @Test
    void theSameBlobCreatedTwiceIsCreatedOnce() {
      twiceLoggedOnce(1, () -> world.azure.storage().createPageBlob(CALLER, ref, 4L * BLOCK_SIZE));
    }

    @Test
    void aBlobRecreatedWithAnotherSizeIsAConflict() {
      world.azure.storage().createPageBlob(CALLER, ref, 4L * BLOCK_SIZE);

      refusedWithoutChange(
          AzureErrorCode.Conflict,
          () -> world.azure.storage().createPageBlob(CALLER, ref, 8L * BLOCK_SIZE));
    }

    @Test
    void recreatingAnExistingBlobKeepsItsContent() {
      world.azure.storage().createPageBlob(CALLER, ref, 4L * BLOCK_SIZE);
      world.writeDistinct(ref, 2);

      world.azure.storage().createPageBlob(CALLER, ref, 4L * BLOCK_SIZE);

      assertThat(world.allocated(ref)).containsExactly(2L);
    }

    @Test
    void deletingABlobTwiceSucceedsAndLogsOnce() {
      world.azure.storage().createPageBlob(CALLER, ref, 4L * BLOCK_SIZE);

      twiceLoggedOnce(
          1,
          () -> {
            world.azure.storage().deleteBlob(CALLER, ref);
            return world.azure.storage().blob(ref);
          });
      assertThat(world.azure.storage().blob(ref)).isEmpty();
    }
  }

  @Nested
  class VirtualMachines {
    private BlobRef os;
    private BlobRef data;
    private VirtualMachine vm;

    @BeforeEach
    void disks() {
      world.account("steast", EAST);
      os = world.blob("steast", "vm-os.vhd", 4);
      data = world.blob("steast", "vm-data0.vhd", 4);
      world.writeDistinct(os, 0);
      vm = world.vm(EAST, "vm-1", List.of(os, data));
    }

    @Test
    void theSameVmCreatedTwiceIsCreatedOnce() {
      twiceLoggedOnce(1, () -> world.azure.compute().createVirtualMachine(CALLER, vm));

      assertThat(world.azure.compute().virtualMachine(groupOf(EAST), "vm-1")).contains(vm);
      assertThat(world.azure.compute().virtualMachinesNamed(EAST, "vm-1")).containsExactly(vm);
      assertThat(world.azure.compute().virtualMachinesNamed(SOUTHEAST, "vm-1")).isEmpty();
    }

    @Test
    void aVmRecreatedInAnotherRegionIsAConflict() {
      world.azure.compute().createVirtualMachine(CALLER, vm);
      VirtualMachine elsewhere =
          new VirtualMachine(
              vm.resourceGroup(),
              vm.name(),
              SOUTHEAST,
              vm.powerState(),
              vm.osDisk(),
              vm.dataDisks(),
              null,
              null);

      refusedWithoutChange(
          AzureErrorCode.Conflict,
          () -> world.azure.compute().createVirtualMachine(CALLER, elsewhere));
    }

    @Test
    void aVmWhoseDiskBlobIsMissingIsNotCreated() {
      world.azure.storage().deleteBlob(CALLER, data);

      refusedWithoutChange(
          AzureErrorCode.ResourceNotFound,
          () -> world.azure.compute().createVirtualMachine(CALLER, vm));
    }

    @Test
    void deletingAVmTwiceSucceedsAndLogsOnce() {
      world.azure.compute().createVirtualMachine(CALLER, vm);
      int before = world.log().size();

      world.azure.compute().deleteVirtualMachine(CALLER, groupOf(EAST), "vm-1");
      world.azure.compute().deleteVirtualMachine(CALLER, groupOf(EAST), "vm-1");

      assertThat(world.azure.compute().virtualMachine(groupOf(EAST), "vm-1")).isEmpty();
      assertThat(world.log().subList(before, world.log().size()))
          .extracting(ActivityLogEntry::operation)
          .filteredOn(op -> op.startsWith("Microsoft.Compute/virtualMachines/"))
          .containsExactly("Microsoft.Compute/virtualMachines/delete");
    }

    @Test
    void deletingAVmDeletesItsDiskBlobsAndLogsEach() {
      BlobRef unrelated = world.blob("steast", "unrelated.vhd", 4);
      world.azure.compute().createVirtualMachine(CALLER, vm);
      int before = world.log().size();

      world.azure.compute().deleteVirtualMachine(CALLER, groupOf(EAST), "vm-1");

      assertThat(world.azure.storage().blob(os)).isEmpty();
      assertThat(world.azure.storage().blob(data)).isEmpty();
      assertThat(world.azure.storage().blob(unrelated)).isPresent();
      assertThat(world.log().subList(before, world.log().size()))
          .extracting(ActivityLogEntry::resourceId)
          .containsExactly(
              vm.id(),
              "/storageAccounts/steast/containers/vhds/blobs/vm-os.vhd",
              "/storageAccounts/steast/containers/vhds/blobs/vm-data0.vhd");
    }

    @Test
    void deletingAVmThatNeverExistedSucceedsAndLogsNothing() {
      List<ActivityLogEntry> log = world.log();

      world.azure.compute().deleteVirtualMachine(CALLER, groupOf(EAST), "ghost");

      assertThat(world.log()).isEqualTo(log);
    }

    @Test
    void poweringOffAStoppedVmChangesNothingAndLogsNothing() {
      world.azure.compute().createVirtualMachine(CALLER, vm);

      VirtualMachine stopped =
          twiceLoggedOnce(1, () -> world.azure.compute().powerOff(CALLER, groupOf(EAST), "vm-1"));

      assertThat(stopped.powerState()).isEqualTo(PowerState.Stopped);
      assertThat(
              world
                  .azure
                  .compute()
                  .virtualMachine(groupOf(EAST), "vm-1")
                  .orElseThrow()
                  .powerState())
          .isEqualTo(PowerState.Stopped);
    }

    @Test
    void startingARunningVmLogsNothing() {
      world.azure.compute().createVirtualMachine(CALLER, vm);
      List<ActivityLogEntry> log = world.log();

      VirtualMachine running = world.azure.compute().start(CALLER, groupOf(EAST), "vm-1");

      assertThat(running.powerState()).isEqualTo(PowerState.Running);
      assertThat(world.log()).isEqualTo(log);
    }

    @Test
    void poweringOffAMissingVmIsNotFound() {
      refusedWithoutChange(
          AzureErrorCode.ResourceNotFound,
          () -> world.azure.compute().powerOff(CALLER, groupOf(EAST), "ghost"));
    }

    @Test
    void theSameAvailabilitySetCreatedTwiceIsCreatedOnce() {
      AvailabilitySet set = new AvailabilitySet(groupOf(EAST), "avset-web", EAST);

      twiceLoggedOnce(1, () -> world.azure.compute().createAvailabilitySet(CALLER, set));

      assertThat(world.azure.compute().availabilitySetsNamed(EAST, "avset-web"))
          .containsExactly(set);
    }

    @Test
    void anAvailabilitySetRecreatedInAnotherRegionIsAConflict() {
      world
          .azure
          .compute()
          .createAvailabilitySet(CALLER, new AvailabilitySet(groupOf(EAST), "avset-web", EAST));

      refusedWithoutChange(
          AzureErrorCode.Conflict,
          () ->
              world
                  .azure
                  .compute()
                  .createAvailabilitySet(
                      CALLER, new AvailabilitySet(groupOf(EAST), "avset-web", SOUTHEAST)));
    }
  }

  @Nested
  class Networks {
    @Test
    void theSameNetworkAndMappingCreatedTwiceAreCreatedOnce() {
      world.group(EAST);
      world.group(SOUTHEAST);
      VirtualNetwork east =
          twiceLoggedOnce(
              1,
              () ->
                  world
                      .azure
                      .network()
                      .createVirtualNetwork(
                          CALLER, new VirtualNetwork(groupOf(EAST), "vnet", EAST)));
      VirtualNetwork southeast =
          world
              .azure
              .network()
              .createVirtualNetwork(
                  CALLER, new VirtualNetwork(groupOf(SOUTHEAST), "vnet", SOUTHEAST));
      NetworkMapping mapping = new NetworkMapping(EAST, east.id(), SOUTHEAST, southeast.id());

      twiceLoggedOnce(1, () -> world.azure.network().createNetworkMapping(CALLER, mapping));

      assertThat(world.azure.network().networkMapping(EAST, east.id(), SOUTHEAST))
          .contains(mapping);
      assertThat(world.azure.network().networkMapping(SOUTHEAST, southeast.id(), EAST)).isEmpty();
    }

    @Test
    void deletingAMappingTwiceSucceedsAndLogsOnce() {
      NetworkMapping mapping = new NetworkMapping(EAST, "/net/a", SOUTHEAST, "/net/b");
      world.azure.network().createNetworkMapping(CALLER, mapping);

      twiceLoggedOnce(
          1,
          () -> {
            world.azure.network().deleteNetworkMapping(CALLER, EAST, "/net/a", SOUTHEAST);
            return world.azure.network().networkMapping(EAST, "/net/a", SOUTHEAST);
          });
      assertThat(world.azure.network().networkMapping(EAST, "/net/a", SOUTHEAST)).isEmpty();
    }
  }

  @Nested
  class VaultsAndItems {
    private static final String OP_ID = "reprotect.contoso.web-01";

    private ReplicatedItem item;

    @BeforeEach
    void vaultWithItem() {
      world.group(EAST);
      world.azure.recoveryServices().createVault(CALLER, new Vault("contoso", groupOf(EAST), EAST));
      item =
          new ReplicatedItem(
              "contoso",
              "web-01",
              new ItemSide(EAST, groupOf(EAST), "steast"),
              new ItemSide(SOUTHEAST, groupOf(SOUTHEAST), "stsoutheast"),
              SOUTHEAST,
              ProtectionState.FailoverCommitted,
              ReplicationPolicy.defaultPolicy(),
              null,
              List.of(),
              null,
              true,
              false);
      world.azure.recoveryServices().putReplicatedItem(CALLER, item);
    }

    private RunningOperation operation(String id) {
      return new RunningOperation("Reprotect", id, "run-1", Instant.EPOCH);
    }

    @Test
    void theSameVaultCreatedTwiceIsCreatedOnce() {
      Vault vault = new Vault("fabrikam", groupOf(EAST), EAST);

      twiceLoggedOnce(1, () -> world.azure.recoveryServices().createVault(CALLER, vault));

      assertThat(world.azure.recoveryServices().vault("fabrikam")).contains(vault);
    }

    @Test
    void aVaultRecreatedInAnotherRegionIsAConflict() {
      world.group(SOUTHEAST);

      refusedWithoutChange(
          AzureErrorCode.Conflict,
          () ->
              world
                  .azure
                  .recoveryServices()
                  .createVault(CALLER, new Vault("contoso", groupOf(SOUTHEAST), SOUTHEAST)));
    }

    @Test
    void theSameItemPutTwiceIsWrittenOnce() {
      ReplicatedItem changed = item.withRunningOperation(null, ProtectionState.ReprotectFailed);

      twiceLoggedOnce(1, () -> world.azure.recoveryServices().putReplicatedItem(CALLER, changed));
      twiceLoggedOnce(0, () -> world.azure.recoveryServices().putReplicatedItem(CALLER, changed));
    }

    @Test
    void claimingWithTheSameOperationIdTwiceIsFineAndLogsOnce() {
      ReplicatedItem claimed =
          twiceLoggedOnce(
              1,
              () ->
                  world
                      .azure
                      .recoveryServices()
                      .claimOperation(
                          CALLER,
                          "contoso",
                          "web-01",
                          operation(OP_ID),
                          null,
                          ProtectionState.Reprotecting));

      assertThat(claimed.runningOperation().id()).isEqualTo(OP_ID);
      assertThat(claimed.state()).isEqualTo(ProtectionState.Reprotecting);
    }

    @Test
    void claimingAnItemBusyWithAnotherOperationIsOperationInProgress() {
      world
          .azure
          .recoveryServices()
          .claimOperation(
              CALLER, "contoso", "web-01", operation(OP_ID), null, ProtectionState.Reprotecting);

      refusedWithoutChange(
          AzureErrorCode.OperationInProgress,
          () ->
              world
                  .azure
                  .recoveryServices()
                  .claimOperation(
                      Caller.of("other"),
                      "contoso",
                      "web-01",
                      operation("failover.contoso.web-01"),
                      null,
                      ProtectionState.FailedOver));
      assertThat(
              world
                  .azure
                  .recoveryServices()
                  .replicatedItem("contoso", "web-01")
                  .orElseThrow()
                  .runningOperation()
                  .id())
          .isEqualTo(OP_ID);
    }

    @Test
    void releasingWithAForeignOperationIdChangesNothing() {
      world
          .azure
          .recoveryServices()
          .claimOperation(
              CALLER, "contoso", "web-01", operation(OP_ID), null, ProtectionState.Reprotecting);
      String state = world.azure.exportState();
      List<ActivityLogEntry> log = world.log();

      ReplicatedItem returned =
          world
              .azure
              .recoveryServices()
              .releaseOperation(
                  CALLER,
                  "contoso",
                  "web-01",
                  "failover.contoso.web-01",
                  null,
                  ProtectionState.Protected);

      assertThat(returned.runningOperation().id()).isEqualTo(OP_ID);
      assertThat(returned.state()).isEqualTo(ProtectionState.Reprotecting);
      assertThat(world.azure.exportState()).isEqualTo(state);
      assertThat(world.log()).isEqualTo(log);
    }

    @Test
    void releasingWithTheOwnOperationIdClearsItOnce() {
      world
          .azure
          .recoveryServices()
          .claimOperation(
              CALLER, "contoso", "web-01", operation(OP_ID), null, ProtectionState.Reprotecting);

      ReplicatedItem released =
          twiceLoggedOnce(
              1,
              () ->
                  world
                      .azure
                      .recoveryServices()
                      .releaseOperation(
                          CALLER,
                          "contoso",
                          "web-01",
                          OP_ID,
                          "run-1",
                          ProtectionState.ReprotectFailed));

      assertThat(released.runningOperation()).isNull();
      assertThat(released.state()).isEqualTo(ProtectionState.ReprotectFailed);
      // Free again: another operation may claim it now.
      assertThat(
              world
                  .azure
                  .recoveryServices()
                  .claimOperation(
                      CALLER,
                      "contoso",
                      "web-01",
                      operation("reprotect.contoso.web-01.retry"),
                      null,
                      ProtectionState.Reprotecting)
                  .runningOperation()
                  .id())
          .isEqualTo("reprotect.contoso.web-01.retry");
    }

    @Test
    void claimingAMissingItemIsNotFound() {
      refusedWithoutChange(
          AzureErrorCode.ResourceNotFound,
          () ->
              world
                  .azure
                  .recoveryServices()
                  .claimOperation(
                      CALLER,
                      "contoso",
                      "ghost",
                      operation(OP_ID),
                      null,
                      ProtectionState.Reprotecting));
    }
  }

  @Nested
  class Regions {
    @Test
    void switchingARegionToTheStateItIsInLogsNothing() {
      twiceLoggedOnce(
          1,
          () -> {
            world.azure.resources().setRegionAvailable(CALLER, EAST, false);
            return world.azure.resources().region(EAST);
          });
      twiceLoggedOnce(
          1,
          () -> {
            world.azure.resources().setRegionAvailable(CALLER, EAST, true);
            return world.azure.resources().region(EAST);
          });
    }
  }
}
