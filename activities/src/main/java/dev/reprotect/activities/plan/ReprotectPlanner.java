package dev.reprotect.activities.plan;

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
import dev.reprotect.azure.AvailabilitySet;
import dev.reprotect.azure.AzureBackend;
import dev.reprotect.azure.BlobRef;
import dev.reprotect.azure.DiskLineage;
import dev.reprotect.azure.ItemClaimState;
import dev.reprotect.azure.ItemSide;
import dev.reprotect.azure.LineageSnapshots;
import dev.reprotect.azure.PageBlob;
import dev.reprotect.azure.ReplicatedItem;
import dev.reprotect.azure.StorageAccount;
import dev.reprotect.azure.StorageAccountNaming;
import dev.reprotect.azure.VirtualMachine;
import dev.reprotect.azure.VmDisk;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Validates a request and fixes every name the reprotect will use, each marked new or existing.
 * Reads the backend; changes nothing.
 */
public final class ReprotectPlanner {
  static final String TARGET_ACCOUNT_SUFFIX = "asr";
  static final String CACHE_ACCOUNT_SUFFIX = "asrcache";

  private final AzureBackend azure;
  private final PrerequisiteValidator validator;

  public ReprotectPlanner(AzureBackend azure) {
    this.azure = azure;
    this.validator = new PrerequisiteValidator(azure);
  }

  /**
   * The plan of {@code request} for the job of workflow {@code jobWorkflowId} (null for a review
   * outside a job): a claim that an earlier run of that workflow left on the item does not block
   * it.
   */
  public ProtectionPlan plan(ReprotectRequest request, String jobWorkflowId) {
    return planFor(validator.validate(request, jobWorkflowId));
  }

  /**
   * The plan of a request whose prerequisites passed: every name on the item's target side, new or
   * existing, and the disks with their replicas of the item's next cycle.
   */
  ProtectionPlan planFor(ValidatedRequest valid) {
    ReprotectRequest request = valid.request();
    ReplicatedItem item = valid.item();
    Customization custom = request.customization();
    ItemSide source = item.source();
    ItemSide target = item.target();
    VirtualMachine sourceVm = valid.sourceVm();

    String groupName =
        custom.targetResourceGroup() != null
            ? custom.targetResourceGroup()
            : target.resourceGroup();
    PlannedArtefact targetGroup =
        new PlannedArtefact(
            ArtefactType.ResourceGroup,
            "target resource group",
            groupName,
            target.region(),
            groupName,
            azure.resources().resourceGroup(groupName).isPresent());

    String networkId = valid.mapping().targetNetworkId();
    PlannedArtefact targetNetwork =
        new PlannedArtefact(
            ArtefactType.VirtualNetwork,
            "target network",
            networkId.substring(networkId.lastIndexOf('/') + 1),
            target.region(),
            networkId.split("/")[2],
            true);

    PlannedArtefact targetAccount = planTargetAccount(custom, sourceVm, target, groupName);
    PlannedArtefact cacheAccount = planCacheAccount(custom, item, source, targetAccount.name());
    PlannedArtefact availabilitySet = planAvailabilitySet(custom, sourceVm, target, groupName);

    Optional<VirtualMachine> staleVm =
        azure
            .compute()
            .virtualMachine(target.resourceGroup(), item.name())
            .filter(vm -> vm.location().equals(target.region()));
    TargetVmPlan targetVm =
        staleVm
            .map(
                vm ->
                    new TargetVmPlan(vm.resourceGroup(), vm.name(), vm.location(), vm.powerState()))
            .orElse(null);

    int cycle = item.reprotectCycles() + 1;
    ProtectionPlan plan =
        new ProtectionPlan(
            item.vault(),
            item.name(),
            source.region(),
            target.region(),
            source.resourceGroup(),
            targetGroup,
            targetNetwork,
            targetAccount,
            cacheAccount,
            availabilitySet,
            targetVm,
            planDisks(item, request.fullCompare(), sourceVm, staleVm, targetAccount.name(), cycle),
            cycle,
            ItemClaimState.of(item));
    if (request.reviewedPlan() != null && !PlanDigest.matches(plan, request.reviewedPlan())) {
      throw new ReprotectRefusal(
          ReprotectErrorCode.PlanChanged,
          String.format(
              "the plan of %s "
                  + "is now %s, not the reviewed %s: something changed since the review; nothing was "
                  + "changed, review the plan again",
              item.name(), PlanDigest.shortForm(plan.digest()), request.reviewedPlan()));
    }
    return plan;
  }

  /**
   * A new target account is named after the account that holds the source VM's disks now, as the
   * plan finds them, not after the account the item recorded for the source side.
   */
  private PlannedArtefact planTargetAccount(
      Customization custom, VirtualMachine sourceVm, ItemSide target, String groupName) {
    String name = custom.targetStorageAccount();
    if (name == null) {
      Optional<StorageAccount> recorded =
          azure
              .storage()
              .storageAccount(target.storageAccount())
              .filter(account -> account.location().equals(target.region()));
      String sourceAccount = sourceVm.osDisk().vhd().storageAccount();
      name =
          recorded.isPresent()
              ? recorded.get().name()
              : StorageAccountNaming.firstFreeOrOurs(
                  sourceAccount,
                  TARGET_ACCOUNT_SUFFIX,
                  custom.cacheStorageAccount(),
                  azure.storage()::storageAccount,
                  account ->
                      account.location().equals(target.region())
                          && account.resourceGroup().equalsIgnoreCase(groupName));
    }
    Optional<StorageAccount> existing = azure.storage().storageAccount(name);
    return new PlannedArtefact(
        ArtefactType.StorageAccount,
        "target storage account",
        name,
        target.region(),
        existing.map(StorageAccount::resourceGroup).orElse(groupName),
        existing.isPresent());
  }

  /** The cache account: never the target account, which lives in the other region. */
  private PlannedArtefact planCacheAccount(
      Customization custom, ReplicatedItem item, ItemSide source, String targetAccount) {
    String name = custom.cacheStorageAccount();
    if (name == null) {
      Predicate<StorageAccount> isVaultCache =
          account -> account.isCacheOf(item.vault()) && account.location().equals(source.region());
      name =
          azure.storage().storageAccounts().stream()
              .filter(isVaultCache)
              .map(StorageAccount::name)
              .filter(existing -> !existing.equals(targetAccount))
              .sorted()
              .findFirst()
              .orElseGet(
                  () ->
                      StorageAccountNaming.firstFreeOrOurs(
                          item.vault(),
                          CACHE_ACCOUNT_SUFFIX,
                          targetAccount,
                          azure.storage()::storageAccount,
                          isVaultCache));
    } else if (name.equals(targetAccount)) {
      throw new ReprotectRefusal(
          ReprotectErrorCode.InvalidCustomization,
          "the cache storage "
              + "account "
              + name
              + " is also the target storage account: they are two accounts, "
              + "in two regions");
    }
    Optional<StorageAccount> existing = azure.storage().storageAccount(name);
    return new PlannedArtefact(
        ArtefactType.StorageAccount,
        "cache storage account",
        name,
        source.region(),
        existing.map(StorageAccount::resourceGroup).orElse(source.resourceGroup()),
        existing.isPresent());
  }

  private PlannedArtefact planAvailabilitySet(
      Customization custom, VirtualMachine sourceVm, ItemSide target, String groupName) {
    if (sourceVm.availabilitySet() == null) {
      return null;
    }
    String name =
        custom.availabilitySet() != null ? custom.availabilitySet() : sourceVm.availabilitySet();
    Optional<AvailabilitySet> existing =
        azure
            .compute()
            .availabilitySet(groupName, name)
            .or(
                () ->
                    azure.compute().availabilitySetsNamed(target.region(), name).stream()
                        .findFirst());
    return new PlannedArtefact(
        ArtefactType.AvailabilitySet,
        "availability set",
        name,
        target.region(),
        existing.map(AvailabilitySet::resourceGroup).orElse(groupName),
        existing.isPresent());
  }

  /**
   * The replicas are named after the cycle, so a replica an earlier cycle left behind is not taken
   * for one that a failed run of this cycle left, which a re-run syncs as it is. Each disk's sync
   * is chosen from the failover's lineage ({@link #syncOf}), unless the request forces the full
   * compare.
   */
  private List<PlannedDisk> planDisks(
      ReplicatedItem item,
      boolean fullCompare,
      VirtualMachine sourceVm,
      Optional<VirtualMachine> staleVm,
      String targetAccount,
      int cycle) {
    Map<String, VmDisk> staleDisks =
        staleVm
            .map(
                vm ->
                    vm.disks().stream()
                        .filter(disk -> azure.storage().blob(disk.vhd()).isPresent())
                        .collect(Collectors.toMap(VmDisk::slot, Function.identity())))
            .orElse(Map.of());
    Map<String, DiskLineage> lineage =
        item.lineage().stream()
            .collect(Collectors.toMap(DiskLineage::slot, Function.identity(), (a, b) -> a));
    List<PlannedDisk> disks = new ArrayList<>();
    for (VmDisk disk : sourceVm.disks()) {
      PageBlob sourceBlob =
          azure
              .storage()
              .blob(disk.vhd())
              .orElseThrow(
                  () ->
                      new IllegalStateException(
                          "the source disk " + disk.vhd() + " of a running VM is missing"));
      BlobRef replica =
          new BlobRef(
              targetAccount,
              ProtectionPlan.SEED_CONTAINER,
              disk.name() + ".cycle" + cycle + ".vhd");
      VmDisk stale = staleDisks.get(disk.slot());
      boolean replicaExists = azure.storage().blob(replica).isPresent();
      SyncChoice sync =
          fullCompare
              ? SyncChoice.fullCompare(SyncChoice.REQUESTED, "--full-compare")
              : syncOf(
                  lineage.get(disk.slot()),
                  sourceBlob,
                  stale,
                  replicaExists,
                  LineageSnapshots.replicaBaseRef(item.name(), cycle, disk.slot(), replica));
      disks.add(
          new PlannedDisk(
              disk.slot(),
              disk.name(),
              sourceBlob.sizeBytes(),
              disk.vhd(),
              stale == null ? null : stale.vhd(),
              replica,
              replicaExists,
              sync));
    }
    return disks;
  }

  /**
   * Changed blocks when the slot's lineage holds for what the backend holds now, else a full
   * compare naming the first broken link. A replica that an earlier run of this cycle seeded from
   * the stale cut carries the stale side (its base holds the cut): a re-run after the stale VM's
   * deletion still syncs changed blocks from it, and one whose replica has no base compares it in
   * full.
   */
  private SyncChoice syncOf(
      DiskLineage lineage,
      PageBlob source,
      VmDisk stale,
      boolean replicaExists,
      BlobRef replicaBase) {
    boolean seeded = lineage != null && replicaExists && exists(replicaBase);
    if (replicaExists && !seeded && lineage != null) {
      return SyncChoice.fullCompare(
          DiskLineage.Break.LineageSnapshotMissing.name(),
          "the replica of an earlier run has no base " + replicaBase);
    }
    DiskLineage.Seen seen =
        seeded
            ? new DiskLineage.Seen(
                lineage.staleDisk(),
                lineage.staleDiskSizeBytes(),
                source.ref(),
                source.sizeBytes(),
                lineage.cutSnapshot() != null,
                exists(lineage.newBase()))
            : new DiskLineage.Seen(
                stale == null ? null : stale.vhd(),
                stale == null ? 0 : sizeOf(stale.vhd()),
                source.ref(),
                source.sizeBytes(),
                lineage != null && exists(lineage.cutSnapshot()),
                lineage != null && exists(lineage.newBase()));
    return DiskLineage.check(lineage, seen)
        .map(broken -> SyncChoice.fullCompare(broken.reason().name(), broken.detail()))
        .orElseGet(
            () ->
                SyncChoice.changedBlocks(
                    "since point " + lineage.pointId() + " of cut " + lineage.cutId(),
                    lineage.cutSnapshot(),
                    lineage.newBase(),
                    replicaBase));
  }

  private boolean exists(BlobRef snapshot) {
    return snapshot != null && azure.storage().snapshot(snapshot).isPresent();
  }

  private long sizeOf(BlobRef blob) {
    return azure.storage().blob(blob).map(PageBlob::sizeBytes).orElse(0L);
  }
}
