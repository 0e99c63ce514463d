package dev.reprotect.azure.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reprotect.azure.ActivityLogEntry;
import dev.reprotect.azure.AvailabilitySet;
import dev.reprotect.azure.AzureBackend;
import dev.reprotect.azure.AzureErrorCode;
import dev.reprotect.azure.AzureException;
import dev.reprotect.azure.BlobRef;
import dev.reprotect.azure.BlobSnapshot;
import dev.reprotect.azure.BlockHash;
import dev.reprotect.azure.BlockTransfer;
import dev.reprotect.azure.Caller;
import dev.reprotect.azure.ContentHash;
import dev.reprotect.azure.DiskLineage;
import dev.reprotect.azure.ItemClaimState;
import dev.reprotect.azure.LongOperation;
import dev.reprotect.azure.NetworkMapping;
import dev.reprotect.azure.PageBlob;
import dev.reprotect.azure.PageRange;
import dev.reprotect.azure.PageRanges;
import dev.reprotect.azure.PowerState;
import dev.reprotect.azure.ProtectionState;
import dev.reprotect.azure.RecoveryPlan;
import dev.reprotect.azure.RecoveryPoint;
import dev.reprotect.azure.RecoveryPointType;
import dev.reprotect.azure.Region;
import dev.reprotect.azure.ReplicaDisk;
import dev.reprotect.azure.ReplicatedItem;
import dev.reprotect.azure.ResourceGroup;
import dev.reprotect.azure.ResourceIds;
import dev.reprotect.azure.RunningOperation;
import dev.reprotect.azure.ScrubOutcome;
import dev.reprotect.azure.ScrubRecord;
import dev.reprotect.azure.StorageAccount;
import dev.reprotect.azure.Vault;
import dev.reprotect.azure.VirtualMachine;
import dev.reprotect.azure.VirtualNetwork;
import dev.reprotect.azure.VmDisk;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * What every {@link AzureBackend} promises, written once: the in-process simulator and the HTTP
 * client of the service in front of it must pass the same tests, so an activity cannot tell them
 * apart. {@link #sim} is the simulator itself, for the arrangements only it offers.
 */
abstract class AzureBackendContract extends BackendContractBase {
  @Test
  void theSameCreateAgainReturnsTheResourceAndChangesNothing() {
    StorageAccount account = account("steast", RG_EAST, EAST);
    VirtualNetwork network =
        azure
            .network()
            .createVirtualNetwork(CALLER, new VirtualNetwork(RG_EAST, "vnet-east", EAST));
    AvailabilitySet set =
        azure.compute().createAvailabilitySet(CALLER, new AvailabilitySet(RG_EAST, "avset", EAST));
    VirtualMachine vm = vm("web-01", RG_EAST, EAST, account.name(), network.id(), "avset");
    String state = azure.exportState();
    int logSize = azure.metering().activityLog().size();

    assertThat(azure.resources().createResourceGroup(CALLER, new ResourceGroup(RG_EAST, EAST)))
        .isEqualTo(new ResourceGroup(RG_EAST, EAST));
    assertThat(account("steast", RG_EAST, EAST)).isEqualTo(account);
    assertThat(
            azure
                .network()
                .createVirtualNetwork(CALLER, new VirtualNetwork(RG_EAST, "vnet-east", EAST)))
        .isEqualTo(network);
    assertThat(
            azure
                .compute()
                .createAvailabilitySet(CALLER, new AvailabilitySet(RG_EAST, "avset", EAST)))
        .isEqualTo(set);
    assertThat(azure.compute().createVirtualMachine(CALLER, vm)).isEqualTo(vm);

    assertThat(azure.exportState()).isEqualTo(state);
    assertThat(azure.metering().activityLog()).hasSize(logSize);
  }

  @Test
  void resourcesReadBackAsTheyWereCreated() {
    StorageAccount account =
        azure
            .storage()
            .createStorageAccount(
                CALLER,
                new StorageAccount(
                    "stcache",
                    RG_EAST,
                    EAST,
                    StorageAccount.KIND,
                    Map.of(StorageAccount.TAG_VAULT, "contoso", StorageAccount.TAG_ROLE, "cache")));
    VirtualMachine vm = vm("web.01_a", RG_EAST, EAST, "stcache", null, null);

    assertThat(azure.storage().storageAccount("stcache")).contains(account);
    assertThat(azure.storage().storageAccounts()).containsExactly(account);
    assertThat(azure.compute().virtualMachine(RG_EAST, "web.01_a")).contains(vm);
    assertThat(azure.compute().virtualMachinesNamed(EAST, "WEB.01_A")).containsExactly(vm);
    assertThat(azure.compute().virtualMachinesNamed(SOUTHEAST, "web.01_a")).isEmpty();
    assertThat(azure.resources().resourceGroup(RG_SE))
        .contains(new ResourceGroup(RG_SE, SOUTHEAST));
    assertThat(azure.resources().regions())
        .containsExactly(new Region(EAST, true), new Region(SOUTHEAST, true));
    assertThat(azure.storage().blockSize()).isEqualTo(BLOCK_SIZE);
  }

  @Test
  void whatIsNotThereIsEmptyEvenUnderNamesThatCouldNeverExist() {
    for (String name : List.of("missing", "..", ".", "a/b", "a%2Fb", "a\\b", "")) {
      assertThat(azure.compute().virtualMachine(RG_EAST, name)).as(name).isEmpty();
      assertThat(azure.compute().availabilitySet(RG_EAST, name)).as(name).isEmpty();
      assertThat(azure.storage().storageAccount(name)).as(name).isEmpty();
      assertThat(azure.resources().resourceGroup(name)).as(name).isEmpty();
      assertThat(azure.recoveryServices().vault(name)).as(name).isEmpty();
      assertThat(azure.network().virtualNetwork(name, "vnet")).as(name).isEmpty();
    }
    assertThat(azure.resources().region("westeurope")).isEmpty();
    assertThat(azure.network().networkMapping(EAST, "/no/such/net", SOUTHEAST)).isEmpty();
  }

  @Test
  void aChangeOfAnImmutablePropertyIsAConflict() {
    account("steast", RG_EAST, EAST);
    vm("web-01", RG_EAST, EAST, "steast", null, null);
    String state = azure.exportState();

    assertCode(
        () -> azure.resources().createResourceGroup(CALLER, new ResourceGroup(RG_EAST, SOUTHEAST)),
        AzureErrorCode.Conflict);
    assertCode(
        () ->
            azure
                .storage()
                .createStorageAccount(
                    CALLER, new StorageAccount("steast", RG_EAST, EAST, "BlobStorage", Map.of())),
        AzureErrorCode.Conflict);
    assertCode(
        () -> account("steast", RG_SE, SOUTHEAST), AzureErrorCode.StorageAccountAlreadyTaken);
    VirtualMachine moved = azure.compute().virtualMachine(RG_EAST, "web-01").orElseThrow();
    assertCode(
        () ->
            azure
                .compute()
                .createVirtualMachine(
                    CALLER,
                    new VirtualMachine(
                        RG_EAST,
                        "web-01",
                        SOUTHEAST,
                        PowerState.Running,
                        moved.osDisk(),
                        moved.dataDisks(),
                        null,
                        null)),
        AzureErrorCode.Conflict);
    assertCode(
        () ->
            azure
                .storage()
                .createPageBlob(
                    CALLER, new BlobRef("steast", "vhds", "web-01-os.vhd"), 8L * BLOCK_SIZE),
        AzureErrorCode.Conflict);

    assertThat(azure.exportState()).isEqualTo(state);
  }

  @Test
  void invalidNamesAreRefusedAndChangeNothing() {
    account("steast", RG_EAST, EAST);
    String state = azure.exportState();

    assertCode(() -> account("Bad_Name", RG_EAST, EAST), AzureErrorCode.InvalidResourceName);
    assertCode(() -> account("a/b", RG_EAST, EAST), AzureErrorCode.InvalidResourceName);
    assertCode(
        () -> azure.resources().createResourceGroup(CALLER, new ResourceGroup("..", EAST)),
        AzureErrorCode.InvalidResourceName);
    assertCode(
        () -> azure.recoveryServices().createVault(CALLER, new Vault("1contoso", RG_EAST, EAST)),
        AzureErrorCode.InvalidResourceName);
    assertCode(
        () ->
            azure
                .compute()
                .createAvailabilitySet(CALLER, new AvailabilitySet(RG_EAST, "set.", EAST)),
        AzureErrorCode.InvalidResourceName);
    for (String blob : List.of("..", "a/b", "a b")) {
      assertCode(
          () ->
              azure
                  .storage()
                  .createPageBlob(CALLER, new BlobRef("steast", "vhds", blob), BLOCK_SIZE),
          AzureErrorCode.InvalidResourceName);
    }
    assertCode(
        () ->
            azure
                .compute()
                .createVirtualMachine(
                    CALLER,
                    new VirtualMachine(
                        RG_EAST,
                        "a/b",
                        EAST,
                        PowerState.Running,
                        new VmDisk("os", null, new BlobRef("steast", "vhds", "x.vhd")),
                        List.of(),
                        null,
                        null)),
        AzureErrorCode.InvalidResourceName);

    assertThat(azure.exportState()).isEqualTo(state);
  }

  @Test
  void powerActionsChangeThePowerStateOnceAndCarryTheCorrelationId() {
    account("steast", RG_EAST, EAST);
    vm("web-01", RG_EAST, EAST, "steast", null, null);
    Caller first = Caller.of("reprotect.contoso.web-01/stop-target/1");

    assertThat(azure.compute().powerOff(first, RG_EAST, "web-01").powerState())
        .isEqualTo(PowerState.Stopped);
    assertThat(azure.compute().powerOff(Caller.of("again"), RG_EAST, "web-01").powerState())
        .isEqualTo(PowerState.Stopped);
    assertThat(azure.compute().virtualMachine(RG_EAST, "web-01").orElseThrow().powerState())
        .isEqualTo(PowerState.Stopped);
    assertThat(azure.compute().start(CALLER, RG_EAST, "web-01").powerState())
        .isEqualTo(PowerState.Running);

    List<ActivityLogEntry> powerOffs =
        azure.metering().activityLog().stream()
            .filter(e -> e.operation().endsWith("/powerOff/action"))
            .toList();
    assertThat(powerOffs)
        .singleElement()
        .satisfies(e -> assertThat(e.correlationId()).isEqualTo(first.correlationId()));
    assertCode(
        () -> azure.compute().powerOff(CALLER, RG_EAST, "missing"),
        AzureErrorCode.ResourceNotFound);
  }

  @Test
  void deletingAVmTakesItsDisksAndDeletingWhatIsGoneSucceeds() {
    account("steast", RG_EAST, EAST);
    vm("web-01", RG_EAST, EAST, "steast", null, null);

    azure.compute().deleteVirtualMachine(CALLER, RG_EAST, "web-01");
    azure.compute().deleteVirtualMachine(CALLER, RG_EAST, "web-01");
    azure.compute().deleteVirtualMachine(CALLER, RG_EAST, "never-there");

    assertThat(azure.compute().virtualMachine(RG_EAST, "web-01")).isEmpty();
    assertThat(azure.storage().blob(new BlobRef("steast", "vhds", "web-01-os.vhd"))).isEmpty();
    assertThat(
            azure.metering().activityLog().stream()
                .filter(e -> e.operation().equals("Microsoft.Compute/virtualMachines/delete")))
        .hasSize(1);
  }

  @Test
  void longOperationsAreBegunThenPolledToTheirEnd() {
    account("steast", RG_EAST, EAST);
    vm("web-01", RG_EAST, EAST, "steast", null, null);
    BlobRef disk = new BlobRef("steast", "vhds", "web-01-os.vhd");
    BlobRef seed = new BlobRef("steast", "seed", "web-01-os.vhd");

    assertThat(endOf(azure.longOperations().beginCopyBlob(CALLER, disk, seed)))
        .isEqualTo(LongOperation.State.Succeeded);
    assertThat(azure.storage().checksum(CALLER, seed))
        .isEqualTo(azure.storage().checksum(CALLER, disk));
    assertThat(endOf(azure.longOperations().beginDeleteVirtualMachine(CALLER, RG_EAST, "web-01")))
        .isEqualTo(LongOperation.State.Succeeded);
    assertThat(endOf(azure.longOperations().beginDeleteVirtualMachine(CALLER, RG_EAST, "web-01")))
        .isEqualTo(LongOperation.State.Succeeded);

    assertThat(azure.compute().virtualMachine(RG_EAST, "web-01")).isEmpty();
    assertThat(azure.metering().activityLog())
        .extracting(ActivityLogEntry::operation)
        .containsOnlyOnce("Microsoft.Compute/virtualMachines/delete");
    LongOperation missingSource =
        azure
            .longOperations()
            .beginCopyBlob(CALLER, new BlobRef("steast", "vhds", "never-there.vhd"), seed);
    assertCode(() -> endOf(missingSource), AzureErrorCode.ResourceNotFound);
  }

  /** Polls an operation until it no longer runs. */
  private LongOperation.State endOf(LongOperation operation) {
    long deadline = System.nanoTime() + java.time.Duration.ofMinutes(1).toNanos();
    LongOperation.State state = azure.longOperations().state(operation);
    while (state == LongOperation.State.Running && System.nanoTime() < deadline) {
      Thread.onSpinWait();
      state = azure.longOperations().state(operation);
    }
    return state;
  }

  @Test
  void blocksAreWrittenReadHashedAndChecksummed() {
    account("steast", RG_EAST, EAST);
    BlobRef ref = new BlobRef("steast", "vhds", "disk.vhd");
    PageBlob created = azure.storage().createPageBlob(CALLER, ref, 8L * BLOCK_SIZE);
    assertThat(azure.storage().createPageBlob(CALLER, ref, 8L * BLOCK_SIZE)).isEqualTo(created);

    azure.storage().writeBlock(CALLER, ref, 1, block(1));
    azure.storage().writeBlock(CALLER, ref, 6, block(6));

    assertThat(azure.storage().readBlock(CALLER, ref, 1)).isEqualTo(block(1));
    assertThat(azure.storage().readBlock(CALLER, ref, 2)).isEqualTo(new byte[BLOCK_SIZE]);
    assertThat(azure.storage().blob(ref).orElseThrow().allocatedBytes()).isEqualTo(2L * BLOCK_SIZE);
    assertThat(azure.storage().blobs("steast", "vhds"))
        .extracting(PageBlob::ref)
        .containsExactly(ref);
    assertThat(azure.storage().blockHashes(CALLER, ref, 0, 8, EAST).entries())
        .extracting(BlockHash::index)
        .containsExactly(1L, 6L);
    assertThat(azure.storage().blockHashes(CALLER, ref, 2, 6, EAST).entries()).isEmpty();
    assertThat(azure.storage().checksum(CALLER, ref))
        .isEqualTo(sim.storage().checksum(CALLER, ref));
    assertCode(
        () -> azure.storage().writeBlock(CALLER, ref, 8, block(8)),
        AzureErrorCode.InvalidParameter);
    assertCode(
        () -> azure.storage().writeBlock(CALLER, ref, 0, new byte[10]),
        AzureErrorCode.InvalidParameter);

    azure.storage().writeBlock(CALLER, ref, 1, new byte[BLOCK_SIZE]);
    azure.storage().resizePageBlob(CALLER, ref, 4L * BLOCK_SIZE);
    assertThat(azure.storage().blob(ref).orElseThrow().allocatedBytes()).isZero();
    azure.storage().deleteBlob(CALLER, ref);
    azure.storage().deleteBlob(CALLER, ref);
    assertThat(azure.storage().blob(ref)).isEmpty();
  }

  @Test
  void pageRangesListTheAllocatedRunsPageByPage() {
    account("steast", RG_EAST, EAST);
    BlobRef ref = new BlobRef("steast", "vhds", "sparse.vhd");
    azure.storage().createPageBlob(CALLER, ref, 64L * BLOCK_SIZE);
    for (long index : List.of(2L, 3L, 4L, 9L, 30L, 31L, 63L)) {
      azure.storage().writeBlock(CALLER, ref, index, block(index));
    }

    assertThat(azure.storage().pageRanges(CALLER, ref, 0, 64, 100))
        .isEqualTo(
            new PageRanges(
                List.of(
                    new PageRange(2, 3),
                    new PageRange(9, 1),
                    new PageRange(30, 2),
                    new PageRange(63, 1)),
                64));
    PageRanges first = azure.storage().pageRanges(CALLER, ref, 0, 64, 2);
    assertThat(first)
        .isEqualTo(new PageRanges(List.of(new PageRange(2, 3), new PageRange(9, 1)), 30));
    assertThat(azure.storage().pageRanges(CALLER, ref, first.scannedTo(), 64, 2))
        .isEqualTo(new PageRanges(List.of(new PageRange(30, 2), new PageRange(63, 1)), 64));
    assertThat(azure.storage().pageRanges(CALLER, ref, 3, 31, 100))
        .as("clipped to the asked range")
        .isEqualTo(
            new PageRanges(
                List.of(new PageRange(3, 2), new PageRange(9, 1), new PageRange(30, 1)), 31));
    assertThat(azure.storage().pageRanges(CALLER, ref, 10, 30, 100))
        .isEqualTo(new PageRanges(List.of(), 30));
    assertThat(azure.storage().pageRanges(CALLER, ref, 60, Long.MAX_VALUE, 100))
        .as("up to the end")
        .isEqualTo(new PageRanges(List.of(new PageRange(63, 1)), Long.MAX_VALUE));

    azure.storage().writeBlock(CALLER, ref, 3, new byte[BLOCK_SIZE]);
    assertThat(azure.storage().pageRanges(CALLER, ref, 0, 10, 100).ranges())
        .as("a cleared block")
        .containsExactly(new PageRange(2, 1), new PageRange(4, 1), new PageRange(9, 1));
    assertCode(
        () -> azure.storage().pageRanges(CALLER, ref, 5, 4, 100), AzureErrorCode.InvalidParameter);
    assertCode(
        () -> azure.storage().pageRanges(CALLER, ref, 0, 64, 0), AzureErrorCode.InvalidParameter);
    assertCode(
        () ->
            azure
                .storage()
                .pageRanges(CALLER, new BlobRef("steast", "vhds", "none.vhd"), 0, 64, 100),
        AzureErrorCode.ResourceNotFound);
  }

  @Test
  void aPageRangeDiffListsWhatWasWrittenOrClearedSinceTheSnapshot() {
    account("steast", RG_EAST, EAST);
    BlobRef disk = new BlobRef("steast", "vhds", "disk.vhd");
    BlobRef snapshot = new BlobRef("steast", "cuts", "disk.1.vhd");
    azure.storage().createPageBlob(CALLER, disk, 16L * BLOCK_SIZE);
    for (long index : List.of(1L, 2L, 5L, 12L)) {
      azure.storage().writeBlock(CALLER, disk, index, block(index));
    }
    azure.storage().snapshotBlob(CALLER, disk, snapshot, Map.of());
    azure.storage().writeBlock(CALLER, disk, 2, block(102));
    azure.storage().writeBlock(CALLER, disk, 3, block(103));
    azure.storage().writeBlock(CALLER, disk, 5, new byte[BLOCK_SIZE]);
    azure.storage().writeBlock(CALLER, disk, 12, block(12));
    azure.storage().writeBlock(CALLER, disk, 14, block(14));

    assertThat(azure.storage().pageRangesDiff(CALLER, disk, snapshot, 0, 16, 100))
        .as("2 and 3 written, 5 cleared, 12 rewritten with the same bytes, 14 written")
        .isEqualTo(
            new PageRanges(
                List.of(new PageRange(2, 2), new PageRange(5, 1), new PageRange(14, 1)), 16));
    assertThat(azure.storage().pageRangesDiff(CALLER, disk, snapshot, 0, 16, 1))
        .isEqualTo(new PageRanges(List.of(new PageRange(2, 2)), 5));

    azure.storage().resizePageBlob(CALLER, disk, 4L * BLOCK_SIZE);
    assertThat(azure.storage().pageRangesDiff(CALLER, disk, snapshot, 0, 16, 100))
        .as("nothing past the blob's end, though the snapshot had 5 and 12")
        .isEqualTo(new PageRanges(List.of(new PageRange(2, 2)), 16));
  }

  @Test
  void aPageRangeDiffIsRefusedUnlessAgainstAnEarlierSnapshotOfTheSameBlob() {
    account("steast", RG_EAST, EAST);
    BlobRef disk = new BlobRef("steast", "vhds", "disk.vhd");
    BlobRef other = new BlobRef("steast", "vhds", "other.vhd");
    azure.storage().createPageBlob(CALLER, disk, 16L * BLOCK_SIZE);
    azure.storage().createPageBlob(CALLER, other, 16L * BLOCK_SIZE);
    azure.storage().writeBlock(CALLER, disk, 1, block(1));
    BlobRef first = snapshot(disk, "disk.1.vhd");
    azure.storage().writeBlock(CALLER, disk, 2, block(2));
    BlobRef second = snapshot(disk, "disk.2.vhd");
    BlobRef ofOther = snapshot(other, "other.1.vhd");
    BlobRef copy = new BlobRef("steast", "copies", "disk.vhd");
    azure.storage().copyBlob(CALLER, disk, copy);

    assertThat(azure.storage().pageRangesDiff(CALLER, second, first, 0, 16, 100).ranges())
        .containsExactly(new PageRange(2, 1));
    assertThat(azure.storage().pageRangesDiff(CALLER, disk, first, 0, 16, 100).ranges())
        .containsExactly(new PageRange(2, 1));
    assertThat(azure.storage().pageRangesDiff(CALLER, second, second, 0, 16, 100).ranges())
        .isEmpty();
    for (BlobRef[] pair :
        new BlobRef[][] {
          {disk, ofOther},
          {second, ofOther},
          {disk, disk},
          {disk, copy},
          {copy, first},
          {other, first}
        }) {
      assertCode(
          () -> azure.storage().pageRangesDiff(CALLER, pair[0], pair[1], 0, 16, 100),
          AzureErrorCode.InvalidParameter);
    }
  }

  @Test
  void aSnapshotIsTheBlobAsItWasReadOnlyAndRemembersItsBaseAndMetadata() {
    account("steast", RG_EAST, EAST);
    account("steast2", RG_EAST, EAST);
    BlobRef disk = new BlobRef("steast", "vhds", "disk.vhd");
    azure.storage().createPageBlob(CALLER, disk, 8L * BLOCK_SIZE);
    azure.storage().writeBlock(CALLER, disk, 3, block(3));
    BlobRef ref = new BlobRef("steast", "cuts", "disk.c1.vhd");

    BlobSnapshot snapshot = azure.storage().snapshotBlob(CALLER, disk, ref, Map.of("cut", "c1"));
    azure.storage().writeBlock(CALLER, disk, 3, block(33));

    assertThat(snapshot.base()).isEqualTo(disk);
    assertThat(snapshot.sizeBytes()).isEqualTo(8L * BLOCK_SIZE);
    assertThat(snapshot.metadata()).isEqualTo(Map.of("cut", "c1"));
    assertThat(azure.storage().snapshotBlob(CALLER, disk, ref, Map.of("cut", "c1")))
        .as("the same request again")
        .isEqualTo(snapshot);
    assertThat(azure.storage().snapshot(ref)).contains(snapshot);
    assertThat(azure.storage().snapshots("steast", "cuts", "disk.")).containsExactly(snapshot);
    assertThat(azure.storage().snapshots("steast", "cuts", "other.")).isEmpty();
    assertThat(azure.storage().readBlock(CALLER, ref, 3)).isEqualTo(block(3));
    assertThat(azure.storage().snapshot(disk)).isEmpty();

    assertCode(
        () -> azure.storage().writeBlock(CALLER, ref, 3, block(4)),
        AzureErrorCode.InvalidParameter);
    assertCode(
        () -> azure.storage().snapshotBlob(CALLER, disk, ref, Map.of("cut", "c2")),
        AzureErrorCode.Conflict);
    assertCode(
        () ->
            azure
                .storage()
                .snapshotBlob(CALLER, ref, new BlobRef("steast", "cuts", "again.vhd"), Map.of()),
        AzureErrorCode.InvalidParameter);
    assertCode(
        () ->
            azure
                .storage()
                .snapshotBlob(CALLER, disk, new BlobRef("steast2", "cuts", "disk.vhd"), Map.of()),
        AzureErrorCode.InvalidParameter);

    azure.storage().deleteBlob(CALLER, ref);
    assertThat(azure.storage().snapshot(ref)).isEmpty();
    assertThat(azure.storage().blob(ref)).isEmpty();
    assertThat(azure.exportState()).isEqualTo(sim.exportState());
  }

  @Test
  void aPageWhoseBytesDoNotHashToItsContentHashIsRefusedAndNothingIsWritten() {
    account("steast", RG_EAST, EAST);
    BlobRef disk = new BlobRef("steast", "vhds", "disk.vhd");
    azure.storage().createPageBlob(CALLER, disk, 8L * BLOCK_SIZE);
    azure.storage().writeBlock(CALLER, disk, 1, block(1));

    assertCode(
        () -> azure.storage().writeBlock(CALLER, disk, 1, block(2), ContentHash.of(block(3))),
        AzureErrorCode.Md5Mismatch);
    assertCode(
        () -> azure.storage().writeBlock(CALLER, disk, 2, block(2), ContentHash.of(block(3))),
        AzureErrorCode.Md5Mismatch);

    assertThat(azure.storage().readBlock(CALLER, disk, 1)).isEqualTo(block(1));
    assertThat(azure.storage().blob(disk).orElseThrow().allocatedBytes()).isEqualTo(BLOCK_SIZE);
    azure.storage().writeBlock(CALLER, disk, 2, block(2), ContentHash.of(block(2)));
    assertThat(azure.storage().readBlock(CALLER, disk, 2)).isEqualTo(block(2));
  }

  private BlobRef snapshot(BlobRef base, String name) {
    BlobRef ref = new BlobRef(base.storageAccount(), "cuts", name);
    azure.storage().snapshotBlob(CALLER, base, ref, Map.of());
    return ref;
  }

  @Test
  void blocksCrossRegionsOnlyAsDifferencesAndAreMetered() {
    List<BlobRef> pair = sourceAndReplica(8, 0, 2, 3);
    BlobRef source = pair.get(0);
    BlobRef replica = pair.get(1);
    azure.storage().writeBlock(CALLER, replica, 2, block(2));
    azure.storage().writeBlock(CALLER, replica, 5, block(5));

    var hashes = azure.storage().blockHashes(CALLER, replica, 0, 8, SOUTHEAST);
    assertThat(hashes.meteredBytes()).isEqualTo(2L * BlockHash.WIRE_BYTES);
    BlockTransfer transfer =
        azure.storage().transferBlocks(CALLER, source, replica, List.of(0L, 2L, 3L, 5L));

    assertThat(transfer).isEqualTo(new BlockTransfer(2, 1, 2L * BLOCK_SIZE, List.of()));
    assertThat(azure.storage().checksum(CALLER, replica))
        .isEqualTo(azure.storage().checksum(CALLER, source));
    assertThat(azure.metering().bytesTransferred(SOUTHEAST, EAST)).isEqualTo(2L * BLOCK_SIZE);
    assertThat(azure.metering().bytesTransferred(EAST, SOUTHEAST))
        .isEqualTo(2L * BlockHash.WIRE_BYTES);

    PageBlob seed =
        azure.storage().copyBlob(CALLER, source, new BlobRef("steast", "seed", "s.vhd"));
    assertThat(seed.location()).isEqualTo(EAST);
    assertThat(azure.storage().checksum(CALLER, seed.ref()))
        .isEqualTo(azure.storage().checksum(CALLER, source));
    assertThat(azure.metering().bytesTransferred(SOUTHEAST, EAST)).isEqualTo(5L * BLOCK_SIZE);
  }

  @Test
  void theMeterOfACallerPrefixCountsItsHashListsAndBlocksEveryAttemptIncluded() {
    List<BlobRef> pair = sourceAndReplica(8, 0, 2, 3);
    BlobRef source = pair.get(0);
    BlobRef replica = pair.get(1);
    Caller firstAttempt = Caller.of("reprotect.contoso.web-01/run-1/SyncDisk/7#1");
    Caller secondAttempt = Caller.of("reprotect.contoso.web-01/run-1/SyncDisk/7#2");
    Caller otherJob = Caller.of("reprotect.contoso.web-01x/run-9/SyncDisk/7#1");

    long hashes = azure.storage().blockHashes(firstAttempt, source, 0, 8, EAST).meteredBytes();
    azure.storage().transferBlocks(firstAttempt, source, replica, List.of(0L));
    azure.storage().transferBlocks(secondAttempt, source, replica, List.of(2L));
    azure.storage().transferBlocks(otherJob, source, replica, List.of(3L));
    azure.storage().blockHashes(CALLER, source, 0, 8, SOUTHEAST);

    assertThat(hashes).isEqualTo(3L * BlockHash.WIRE_BYTES);
    assertThat(azure.metering().bytesTransferredBy("reprotect.contoso.web-01/run-1/"))
        .isEqualTo(hashes + 2L * BLOCK_SIZE);
    assertThat(azure.metering().bytesTransferredBy("reprotect.contoso.web-01/run-1/SyncDisk/7#2"))
        .isEqualTo(BLOCK_SIZE);
    assertThat(azure.metering().bytesTransferredBy("reprotect.contoso.web-01/run-2/")).isZero();
    assertThat(azure.metering().bytesTransferredBy(""))
        .isEqualTo(azure.metering().bytesTransferred(SOUTHEAST, EAST))
        .isEqualTo(hashes + 3L * BLOCK_SIZE);
  }

  @Test
  void blocksThatArriveCorruptedAreReportedNotKeptAndSentAgain() {
    List<BlobRef> pair = sourceAndReplica(4, 0, 1, 3);
    BlobRef source = pair.get(0);
    BlobRef replica = pair.get(1);
    String before = azure.storage().checksum(CALLER, replica);
    sim.faults().corruptTransfers(1.0, 5);

    BlockTransfer transfer =
        azure.storage().transferBlocks(CALLER, source, replica, List.of(0L, 1L, 2L, 3L));

    // Sent and metered, but refused by the receiver's check: nothing of them is kept.
    assertThat(transfer).isEqualTo(new BlockTransfer(0, 0, 3L * BLOCK_SIZE, List.of(0L, 1L, 3L)));
    assertThat(azure.storage().checksum(CALLER, replica)).isEqualTo(before);
    assertCode(
        () -> azure.storage().copyBlob(CALLER, source, new BlobRef("steast", "seed", "s.vhd")),
        AzureErrorCode.InternalServerError);

    sim.faults().corruptTransfers(0, 0);
    BlockTransfer again =
        azure.storage().transferBlocks(CALLER, source, replica, transfer.corruptedBlocks());
    assertThat(again.corruptedBlocks()).isEmpty();
    assertThat(azure.storage().checksum(CALLER, replica))
        .isEqualTo(azure.storage().checksum(CALLER, source));
  }

  @Test
  void aTransferOfManyBlocksCountsEveryBlock() {
    account("steast", RG_EAST, EAST);
    BlobRef source = new BlobRef("steast", "vhds", "big.vhd");
    BlobRef replica = new BlobRef("steast", "vhds", "big-replica.vhd");
    long blocks = 10_000;
    azure.storage().createPageBlob(CALLER, source, blocks * BLOCK_SIZE);
    azure.storage().createPageBlob(CALLER, replica, blocks * BLOCK_SIZE);
    for (long i : new long[] {0, 4_500, 9_999}) {
      azure.storage().writeBlock(CALLER, source, i, block(i));
    }

    BlockTransfer transfer =
        azure
            .storage()
            .transferBlocks(CALLER, source, replica, LongStream.range(0, blocks).boxed().toList());

    assertThat(transfer).isEqualTo(new BlockTransfer(3, 0, 0, List.of()));
    assertThat(azure.storage().checksum(CALLER, replica))
        .isEqualTo(azure.storage().checksum(CALLER, source));
  }

  @Test
  void anItemRunsOneOperationAtATime() {
    ReplicatedItem item = item();
    RunningOperation reprotect =
        new RunningOperation(
            "Reprotect",
            "reprotect.contoso.web-01",
            "run-1",
            Instant.parse("2024-05-01T10:00:00.123456789Z"));

    ReplicatedItem claimed =
        azure
            .recoveryServices()
            .claimOperation(
                CALLER,
                "contoso",
                "web-01",
                reprotect,
                ItemClaimState.of(item),
                ProtectionState.Reprotecting);
    assertThat(claimed.runningOperation()).isEqualTo(reprotect);
    assertThat(claimed.state()).isEqualTo(ProtectionState.Reprotecting);
    assertThat(
            azure
                .recoveryServices()
                .claimOperation(
                    CALLER,
                    "contoso",
                    "web-01",
                    reprotect,
                    ItemClaimState.of(item),
                    ProtectionState.Reprotecting))
        .isEqualTo(claimed);
    assertCode(
        () ->
            azure
                .recoveryServices()
                .claimOperation(
                    CALLER,
                    "contoso",
                    "web-01",
                    new RunningOperation(
                        "Failover", "failover.contoso.web-01", null, Instant.EPOCH),
                    null,
                    ProtectionState.FailedOver),
        AzureErrorCode.OperationInProgress);

    assertThat(
            azure
                .recoveryServices()
                .releaseOperation(
                    CALLER,
                    "contoso",
                    "web-01",
                    "failover.contoso.web-01",
                    null,
                    ProtectionState.ReprotectFailed))
        .isEqualTo(claimed);
    assertThat(
            azure
                .recoveryServices()
                .releaseOperation(
                    CALLER,
                    "contoso",
                    "web-01",
                    reprotect.id(),
                    "run-0",
                    ProtectionState.ReprotectFailed))
        .as("an earlier run of the same workflow id releases nothing")
        .isEqualTo(claimed);
    ReplicatedItem released =
        azure
            .recoveryServices()
            .releaseOperation(
                CALLER,
                "contoso",
                "web-01",
                reprotect.id(),
                reprotect.runId(),
                ProtectionState.Protected);
    assertThat(released.runningOperation()).isNull();
    assertThat(released.state()).isEqualTo(ProtectionState.Protected);
    assertThat(azure.recoveryServices().replicatedItems("contoso")).containsExactly(released);
    assertThat(item.name()).isEqualTo(released.name());
    assertCode(
        () ->
            azure
                .recoveryServices()
                .claimOperation(
                    CALLER, "contoso", "missing", reprotect, null, ProtectionState.Reprotecting),
        AzureErrorCode.ResourceNotFound);
  }

  @Test
  void aClaimComparesAndSetsTheStateItsCheckSaw() {
    ReplicatedItem checked = item();
    ItemClaimState seen = ItemClaimState.of(checked);
    azure
        .recoveryServices()
        .putReplicatedItem(CALLER, checked.withRunningOperation(null, ProtectionState.Protected));
    String before = azure.exportState();

    assertCode(
        () ->
            azure
                .recoveryServices()
                .claimOperation(
                    CALLER,
                    "contoso",
                    "web-01",
                    new RunningOperation(
                        "Reprotect", "reprotect.contoso.web-01", "run-1", Instant.EPOCH),
                    seen,
                    ProtectionState.Reprotecting),
        AzureErrorCode.ItemChanged);
    assertThat(azure.exportState()).as("a refused claim changes nothing").isEqualTo(before);
  }

  @Test
  void anEarlierRunsClaimIsTakenOverByItsIdAndAStaleOneReleasedByItsExactRun() {
    item();
    RunningOperation first =
        new RunningOperation("Reprotect", "reprotect.contoso.web-01", "run-1", Instant.EPOCH);
    ReplicatedItem held =
        azure
            .recoveryServices()
            .claimOperation(CALLER, "contoso", "web-01", first, null, ProtectionState.Reprotecting);
    RunningOperation second =
        new RunningOperation("Reprotect", "reprotect.contoso.web-01", "run-2", Instant.EPOCH);
    RunningOperation foreign =
        new RunningOperation("Reprotect", "reprotect-again.contoso.web-01", "run-9", Instant.EPOCH);
    assertCode(
        () ->
            azure
                .recoveryServices()
                .claimOperation(
                    CALLER,
                    "contoso",
                    "web-01",
                    foreign,
                    ItemClaimState.of(held),
                    ProtectionState.Reprotecting),
        AzureErrorCode.OperationInProgress);

    ReplicatedItem taken =
        azure
            .recoveryServices()
            .claimOperation(
                CALLER,
                "contoso",
                "web-01",
                second,
                ItemClaimState.of(held),
                ProtectionState.Reprotecting);
    assertThat(taken.runningOperation()).isEqualTo(second);

    assertCode(
        () ->
            azure
                .recoveryServices()
                .releaseStaleOperation(
                    CALLER, "contoso", "web-01", first, ProtectionState.ReprotectFailed),
        AzureErrorCode.ItemChanged);
    ReplicatedItem released =
        azure
            .recoveryServices()
            .releaseStaleOperation(
                CALLER, "contoso", "web-01", second, ProtectionState.ReprotectFailed);
    assertThat(released.runningOperation()).isNull();
    assertThat(released.state()).isEqualTo(ProtectionState.ReprotectFailed);
    assertCode(
        () ->
            azure
                .recoveryServices()
                .releaseStaleOperation(
                    CALLER, "contoso", "web-01", second, ProtectionState.ReprotectFailed),
        AzureErrorCode.ItemChanged);
  }

  @Test
  void vaultItemsPlansAndMappingsReadBackAsTheyWereWritten() {
    ReplicatedItem item = item();
    RecoveryPlan plan =
        azure
            .recoveryServices()
            .createRecoveryPlan(
                CALLER, new RecoveryPlan("contoso", "web-tier", List.of("web-01", "db-01")));
    NetworkMapping mapping =
        azure
            .network()
            .createNetworkMapping(
                CALLER,
                new NetworkMapping(
                    SOUTHEAST,
                        "/resourceGroups/rg-se/providers/Microsoft.Network/virtualNetworks/vnet-se",
                    EAST,
                        "/resourceGroups/rg-east/providers/Microsoft.Network/virtualNetworks/vnet-east"));

    assertThat(azure.recoveryServices().vault("CONTOSO"))
        .contains(new Vault("contoso", RG_SE, SOUTHEAST));
    assertThat(azure.recoveryServices().vaults()).contains(new Vault("contoso", RG_SE, SOUTHEAST));
    assertThat(azure.recoveryServices().replicatedItem("contoso", "web-01")).contains(item);
    assertThat(azure.recoveryServices().recoveryPlan("contoso", "web-tier")).contains(plan);
    assertThat(azure.network().networkMapping(SOUTHEAST, mapping.sourceNetworkId(), EAST))
        .contains(mapping);

    azure.network().deleteNetworkMapping(CALLER, SOUTHEAST, mapping.sourceNetworkId(), EAST);
    azure.network().deleteNetworkMapping(CALLER, SOUTHEAST, mapping.sourceNetworkId(), EAST);
    assertThat(azure.network().networkMapping(SOUTHEAST, mapping.sourceNetworkId(), EAST))
        .isEmpty();
    assertCode(
        () ->
            azure
                .recoveryServices()
                .putReplicatedItem(
                    CALLER,
                    new ReplicatedItem(
                        "nosuchvault",
                        "web-01",
                        item.primary(),
                        item.recovery(),
                        item.activeLocation(),
                        item.state(),
                        item.policy(),
                        null,
                        List.of(),
                        null,
                        false,
                        false)),
        AzureErrorCode.ResourceNotFound);
  }

  /** What a failover maps when the VM it protects is gone. */
  @Test
  void anItemReadsBackTheNetworkRecordedForEachSide() {
    ReplicatedItem item = item();
    String eastNetwork = ResourceIds.virtualNetwork(RG_EAST, "vnet-east");
    String southeastNetwork = ResourceIds.virtualNetwork(RG_SE, "vnet-se");

    ReplicatedItem withNetworks =
        new ReplicatedItem(
            "contoso",
            "web-01",
            item.primary().withNetwork(eastNetwork),
            item.recovery().withNetwork(southeastNetwork),
            item.activeLocation(),
            item.state(),
            item.policy(),
            item.cacheStorageAccount(),
            item.replicaDisks(),
            null,
            item.failoverCommitted(),
            item.migrationCompleted());

    assertThat(azure.recoveryServices().putReplicatedItem(CALLER, withNetworks))
        .isEqualTo(withNetworks);
    assertThat(azure.recoveryServices().replicatedItem("contoso", "web-01")).contains(withNetworks);
  }

  /** What a failover records for the reprotect after it, unknown stale half included. */
  @Test
  void anItemReadsBackTheLineageItsFailoverRecorded() {
    ReplicatedItem item = item();
    BlobRef recovered = new BlobRef("stse", "vhds", "web-01-os-r1.p3.vhd");
    ReplicatedItem withLineage =
        item.withLineage(
            List.of(
                new DiskLineage(
                    "os",
                    "r1.p3",
                    "sum-os",
                    "r1.c3",
                    new BlobRef("steast", "cuts", "web-01.r1.c3.os.vhd"),
                    "sum-os",
                    new BlobRef("steast", "vhds", "web-01-os.vhd"),
                    4L * BLOCK_SIZE,
                    recovered,
                    4L * BLOCK_SIZE,
                    new BlobRef("stse", "lineage", "web-01.r1.p3.os.vhd")),
                new DiskLineage(
                    "lun0", "r1.p3", null, null, null, null, null, 0, recovered, 0, null)));

    assertThat(azure.recoveryServices().putReplicatedItem(CALLER, withLineage))
        .isEqualTo(withLineage);
    assertThat(azure.recoveryServices().replicatedItem("contoso", "web-01")).contains(withLineage);
  }

  @Test
  void aNetworkIsDeletedOnlyOnceNoVmIsOnItAndDeletingItAgainSucceeds() {
    StorageAccount account = account("steast", RG_EAST, EAST);
    VirtualNetwork network =
        azure
            .network()
            .createVirtualNetwork(CALLER, new VirtualNetwork(RG_EAST, "vnet-drill", EAST));
    VirtualMachine vm = vm("drill-01", RG_EAST, EAST, account.name(), network.id(), null);
    String state = azure.exportState();
    int logSize = azure.metering().activityLog().size();

    assertCode(
        () -> azure.network().deleteVirtualNetwork(CALLER, RG_EAST, "vnet-drill"),
        AzureErrorCode.Conflict);
    assertThat(azure.exportState()).as("a refused delete changes nothing").isEqualTo(state);
    assertThat(azure.metering().activityLog()).hasSize(logSize);

    azure.compute().deleteVirtualMachine(CALLER, vm.resourceGroup(), vm.name());
    azure.network().deleteVirtualNetwork(CALLER, RG_EAST, "vnet-drill");
    azure.network().deleteVirtualNetwork(CALLER, RG_EAST, "vnet-drill");
    assertThat(azure.network().virtualNetwork(RG_EAST, "vnet-drill")).isEmpty();
    assertThat(azure.metering().activityLog())
        .extracting(ActivityLogEntry::operation)
        .containsOnlyOnce("Microsoft.Network/virtualNetworks/delete");
  }

  /**
   * A disable's deletes: an account or a group goes only once empty, a set once no VM is in it, an
   * item only by the disable that claims it; each again on what is gone succeeds and logs nothing
   * more. The item's record of what its protection created is added to, once.
   */
  @Test
  void whatAProtectionMadeGoesOnlyOnceEmptyAndItsItemOnlyByItsDisable() {
    azure.resources().createResourceGroup(CALLER, new ResourceGroup("rg-asr", SOUTHEAST));
    account("stcache", "rg-asr", SOUTHEAST);
    BlobRef staging = new BlobRef("stcache", "staging", "web-01.c1.os.vhd");
    azure.storage().createPageBlob(CALLER, staging, 2L * BLOCK_SIZE);
    azure
        .compute()
        .createAvailabilitySet(CALLER, new AvailabilitySet("rg-asr", "avset", SOUTHEAST));
    String state = azure.exportState();

    assertCode(
        () -> azure.storage().deleteStorageAccount(CALLER, "stcache"), AzureErrorCode.Conflict);
    assertCode(
        () -> azure.resources().deleteResourceGroup(CALLER, "rg-asr"), AzureErrorCode.Conflict);
    assertThat(azure.exportState()).as("a refused delete changes nothing").isEqualTo(state);

    azure.storage().deleteBlob(CALLER, staging);
    for (int twice = 0; twice < 2; twice++) {
      azure.compute().deleteAvailabilitySet(CALLER, "rg-asr", "avset");
      azure.storage().deleteStorageAccount(CALLER, "stcache");
      azure.resources().deleteResourceGroup(CALLER, "rg-asr");
    }
    assertThat(azure.resources().resourceGroup("rg-asr")).isEmpty();
    assertThat(azure.metering().activityLog())
        .extracting(ActivityLogEntry::operation)
        .containsOnlyOnce(
            "Microsoft.Compute/availabilitySets/delete",
            "Microsoft.Storage/storageAccounts/delete",
            "Microsoft.Resources/resourceGroups/delete");

    item();
    List<String> created = List.of(ResourceIds.resourceGroup("rg-asr"));
    azure.recoveryServices().recordCreatedResources(CALLER, "contoso", "web-01", created);
    azure.recoveryServices().recordCreatedResources(CALLER, "contoso", "web-01", created);
    assertThat(
            azure
                .recoveryServices()
                .replicatedItem("contoso", "web-01")
                .orElseThrow()
                .createdByProtection())
        .isEqualTo(created);
    assertCode(
        () ->
            azure
                .recoveryServices()
                .deleteReplicatedItem(CALLER, "contoso", "web-01", "disable.contoso.web-01"),
        AzureErrorCode.ItemChanged);
    azure
        .recoveryServices()
        .claimOperation(
            CALLER,
            "contoso",
            "web-01",
            new RunningOperation("Disable", "disable.contoso.web-01", "run-1", Instant.EPOCH),
            null,
            ProtectionState.Disabling);
    azure
        .recoveryServices()
        .deleteReplicatedItem(CALLER, "contoso", "web-01", "disable.contoso.web-01");
    azure
        .recoveryServices()
        .deleteReplicatedItem(CALLER, "contoso", "web-01", "disable.contoso.web-01");
    assertThat(azure.recoveryServices().replicatedItem("contoso", "web-01")).isEmpty();
    assertThat(azure.metering().activityLog())
        .extracting(ActivityLogEntry::operation)
        .containsOnlyOnce(
            "Microsoft.RecoveryServices/vaults/replicatedItems/recordCreatedResources/action",
            "Microsoft.RecoveryServices/vaults/replicatedItems/delete");
  }

  @Test
  void aRecoveryPointIsTakenOncePerId() {
    account("steast", RG_EAST, EAST);
    BlobRef replica = new BlobRef("steast", "replicas", "web-01-os.vhd");
    azure.storage().createPageBlob(CALLER, replica, 4L * BLOCK_SIZE);
    azure.storage().writeBlock(CALLER, replica, 0, block(0));
    ReplicatedItem item = item();
    azure
        .recoveryServices()
        .putReplicatedItem(
            CALLER,
            item.withReplicationTo(
                item.target(),
                item.source().network(),
                null,
                List.of(new ReplicaDisk("os", "web-01-osdisk", replica)),
                item.reprotectCycles()));

    RecoveryPoint point =
        azure
            .recoveryServices()
            .createRecoveryPoint(
                CALLER, "contoso", "web-01", "p1", RecoveryPointType.CrashConsistent, null);
    azure.storage().writeBlock(CALLER, replica, 1, block(1));

    assertThat(
            azure
                .recoveryServices()
                .createRecoveryPoint(
                    CALLER, "contoso", "web-01", "p1", RecoveryPointType.CrashConsistent, null))
        .isEqualTo(point);
    assertThat(azure.recoveryServices().recoveryPoints("contoso", "web-01")).containsExactly(point);
    assertThat(point.disks())
        .singleElement()
        .satisfies(
            disk ->
                assertThat(azure.storage().blob(disk).orElseThrow().allocatedBytes())
                    .isEqualTo(BLOCK_SIZE));
    assertCode(
        () ->
            azure
                .recoveryServices()
                .createRecoveryPoint(
                    CALLER, "contoso", "web-01", "..", RecoveryPointType.AppConsistent, null),
        AzureErrorCode.InvalidResourceName);
  }

  @Test
  void aScrubIsRecordedOnTheItemAndReadsBackAsRecorded() {
    ReplicatedItem item = item();
    ScrubRecord scrub =
        new ScrubRecord(
            Instant.parse("2026-12-07T10:00:00Z"),
            ScrubOutcome.Repaired,
            "p1",
            123_456,
            2,
            "1 disk equal to its cut");

    ReplicatedItem recorded =
        azure.recoveryServices().recordScrub(CALLER, "contoso", "web-01", scrub);

    assertThat(recorded.lastScrub()).isEqualTo(scrub);
    assertThat(recorded.policy().scrubIntervalDays()).isEqualTo(item.policy().scrubIntervalDays());
    assertThat(azure.recoveryServices().replicatedItem("contoso", "web-01").orElseThrow())
        .isEqualTo(item.withLastScrub(scrub));
    assertCode(
        () -> azure.recoveryServices().recordScrub(CALLER, "contoso", "no-such-vm", scrub),
        AzureErrorCode.ResourceNotFound);
  }

  @Test
  void aReplicaDiskIsAddedToTheItemKeepingWhatElseWasWrittenSinceTheCallerReadIt() {
    ReplicatedItem read = item();
    ScrubRecord scrub =
        new ScrubRecord(
            Instant.parse("2026-12-07T10:00:00Z"), ScrubOutcome.Passed, "p1", 1, 0, "equal");
    azure.recoveryServices().recordScrub(CALLER, "contoso", "web-01", scrub);
    ReplicaDisk added =
        new ReplicaDisk("lun7", "web-01-data7", new BlobRef("stea", "replicas", "d7.vhd"));

    ReplicatedItem changed =
        azure.recoveryServices().addReplicaDisk(CALLER, "contoso", "web-01", added);

    assertThat(changed.replicaDisks()).endsWith(added).hasSize(read.replicaDisks().size() + 1);
    assertThat(changed.lastScrub()).as("written by another since it was read").isEqualTo(scrub);
    assertThat(azure.recoveryServices().replicatedItem("contoso", "web-01").orElseThrow())
        .isEqualTo(changed);
    String state = azure.exportState();
    assertThat(azure.recoveryServices().addReplicaDisk(CALLER, "contoso", "web-01", added))
        .as("the same disk again")
        .isEqualTo(changed);
    assertThat(azure.exportState()).isEqualTo(state);
    assertCode(
        () ->
            azure
                .recoveryServices()
                .addReplicaDisk(
                    CALLER,
                    "contoso",
                    "web-01",
                    new ReplicaDisk(
                        "lun7", "web-01-data7", new BlobRef("stea", "replicas", "other.vhd"))),
        AzureErrorCode.Conflict);
    assertCode(
        () -> azure.recoveryServices().addReplicaDisk(CALLER, "contoso", "no-such-vm", added),
        AzureErrorCode.ResourceNotFound);
    assertThat(azure.exportState()).isEqualTo(state);
  }

  @Test
  void anOutageIsTransientNamesItsRegionAndChangesNothing() {
    account("stse", RG_SE, SOUTHEAST);
    azure.resources().setRegionAvailable(CALLER, SOUTHEAST, false);
    String state = azure.exportState();

    assertThat(azure.resources().region(SOUTHEAST)).contains(new Region(SOUTHEAST, false));
    for (ThrowingCallable request :
        List.<ThrowingCallable>of(
            () -> account("stnew", RG_SE, SOUTHEAST),
            () ->
                azure
                    .storage()
                    .createPageBlob(CALLER, new BlobRef("stse", "vhds", "d.vhd"), BLOCK_SIZE),
            () ->
                azure
                    .storage()
                    .blockHashes(CALLER, new BlobRef("stse", "vhds", "d.vhd"), 0, 1, EAST))) {
      assertThatThrownBy(request)
          .isInstanceOfSatisfying(
              AzureException.class,
              e -> {
                assertThat(e.code()).isEqualTo(AzureErrorCode.RegionUnavailable);
                assertThat(e.isTransient()).isTrue();
                assertThat(e.region()).isEqualTo(SOUTHEAST);
              });
    }
    assertThat(azure.exportState()).isEqualTo(state);

    azure.resources().setRegionAvailable(CALLER, SOUTHEAST, true);
    account("stnew", RG_SE, SOUTHEAST);
  }

  @Test
  void injectedFaultsKeepTheirTransientCodes() {
    account("steast", RG_EAST, EAST);
    vm("web-01", RG_EAST, EAST, "steast", null, null);
    sim.faults()
        .failCalls("powerOff", 1, 1, AzureErrorCode.TooManyRequests)
        .failCalls("createStorageAccount", 2, 1, AzureErrorCode.InternalServerError);

    assertThatThrownBy(() -> azure.compute().powerOff(CALLER, RG_EAST, "web-01"))
        .isInstanceOfSatisfying(
            AzureException.class,
            e -> {
              assertThat(e.code()).isEqualTo(AzureErrorCode.TooManyRequests);
              assertThat(e.isTransient()).isTrue();
            });
    assertCode(() -> account("stother", RG_EAST, EAST), AzureErrorCode.InternalServerError);
    assertThat(azure.compute().powerOff(CALLER, RG_EAST, "web-01").powerState())
        .isEqualTo(PowerState.Stopped);
  }

  @Test
  void theBackendsViewIsTheSimulatorsState() {
    account("steast", RG_EAST, EAST);
    vm("web-01", RG_EAST, EAST, "steast", null, null);
    item();

    assertThat(azure.exportState()).isEqualTo(sim.exportState());
    assertThat(azure.metering().activityLog()).isEqualTo(sim.metering().activityLog());
  }

  /**
   * A source disk of {@code blocks} blocks in southeastasia with the {@code written} blocks, and an
   * empty replica of the same size in eastasia.
   */
  List<BlobRef> sourceAndReplica(long blocks, long... written) {
    account("steast", RG_EAST, EAST);
    account("stse", RG_SE, SOUTHEAST);
    BlobRef source = new BlobRef("stse", "vhds", "source.vhd");
    BlobRef replica = new BlobRef("steast", "vhds", "replica.vhd");
    azure.storage().createPageBlob(CALLER, source, blocks * BLOCK_SIZE);
    azure.storage().createPageBlob(CALLER, replica, blocks * BLOCK_SIZE);
    for (long i : written) {
      azure.storage().writeBlock(CALLER, source, i, block(i));
    }
    return List.of(source, replica);
  }
}
