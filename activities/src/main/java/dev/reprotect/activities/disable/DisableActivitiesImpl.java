package dev.reprotect.activities.disable;

import dev.reprotect.activities.ActivityCaller;
import dev.reprotect.activities.AzureFailures;
import dev.reprotect.activities.ItemOperation;
import dev.reprotect.activities.replication.ItemRef;
import dev.reprotect.activities.replication.ReplicationCycleActivitiesImpl;
import dev.reprotect.azure.AzureBackend;
import dev.reprotect.azure.AzureErrorCode;
import dev.reprotect.azure.AzureException;
import dev.reprotect.azure.BlobRef;
import dev.reprotect.azure.Caller;
import dev.reprotect.azure.Cuts;
import dev.reprotect.azure.ItemSide;
import dev.reprotect.azure.LineageSnapshots;
import dev.reprotect.azure.PageBlob;
import dev.reprotect.azure.RecoveryPoint;
import dev.reprotect.azure.ReplicaDisk;
import dev.reprotect.azure.ReplicatedItem;
import dev.reprotect.azure.arm.ArmIds;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;

public final class DisableActivitiesImpl implements DisableActivities {
  /**
   * The kinds of resource a protection creates, in the order a disable deletes them: a group is
   * empty only once the sets and accounts it held are gone.
   */
  private enum Created {
    AvailabilitySet,
    StorageAccount,
    ResourceGroup;

    static Created of(String resourceId) {
      return resourceId.contains("/providers/Microsoft.Compute/availabilitySets/")
          ? AvailabilitySet
          : resourceId.contains("/providers/Microsoft.Storage/storageAccounts/")
              ? StorageAccount
              : ResourceGroup;
    }
  }

  private final AzureBackend azure;

  @Inject
  public DisableActivitiesImpl(AzureBackend azure) {
    this.azure = azure;
  }

  @Override
  public int deleteItemRecoveryPoints(ItemRef ref) {
    return AzureFailures.translated(
        null,
        () -> {
          List<RecoveryPoint> points =
              azure.recoveryServices().recoveryPoints(ref.vault(), ref.vm());
          points.forEach(
              point ->
                  azure
                      .recoveryServices()
                      .deleteRecoveryPoint(
                          ActivityCaller.current(), ref.vault(), ref.vm(), point.id()));
          return points.size();
        });
  }

  @Override
  public int deleteCuts(ItemRef ref) {
    return AzureFailures.translated(
        null,
        () -> {
          Caller caller = ActivityCaller.current();
          ReplicatedItem item = item(ref);
          Cuts cuts = new Cuts(azure);
          int deleted =
              Stream.of(item.primary(), item.recovery())
                  .map(ItemSide::resourceGroup)
                  .distinct()
                  .mapToInt(group -> cuts.deleteAll(caller, group, item.name()))
                  .sum();
          // The failover's lineage: the stale side's cut snapshots outlive their VM, the new side's
          // bases are no cut at all. The record goes once they are gone, for a retry to find them.
          deleted += new LineageSnapshots(azure).deleteAll(caller, item);
          if (!item.lineage().isEmpty()) {
            azure.recoveryServices().putReplicatedItem(caller, item.withLineage(List.of()));
          }
          return deleted;
        });
  }

  @Override
  public int deleteReplicas(ItemRef ref) {
    return AzureFailures.translated(
        null,
        () -> {
          int deleted = 0;
          for (ReplicaDisk disk : item(ref).replicaDisks()) {
            // The replicas are named <disk>.cycle<n>.vhd: an earlier cycle's sit next to them.
            Pattern ofThisDisk =
                Pattern.compile(Pattern.quote(disk.sourceDisk()) + "\\.cycle[0-9]+" + "\\.vhd");
            deleted +=
                deleteBlobs(
                    disk.replica().storageAccount(),
                    disk.replica().container(),
                    name -> ofThisDisk.matcher(name).matches());
          }
          return deleted;
        });
  }

  @Override
  public int deleteStagingBlobs(ItemRef ref) {
    return AzureFailures.translated(
        null,
        () -> {
          ReplicatedItem item = item(ref);
          if (item.cacheStorageAccount() == null) {
            return 0;
          }
          // Staging blobs are named <vm>.<cut>.<slot>.vhd and VM names may hold dots: a blob of
          // item "web" may also read as one of item "web.1", whose blob it then is.
          List<String> longerNames =
              azure.recoveryServices().replicatedItems(item.vault()).stream()
                  .map(ReplicatedItem::name)
                  .filter(name -> name.startsWith(item.name() + "."))
                  .toList();
          return deleteBlobs(
              item.cacheStorageAccount(),
              ReplicationCycleActivitiesImpl.STAGING_CONTAINER,
              name ->
                  name.startsWith(item.name() + ".")
                      && longerNames.stream().noneMatch(longer -> name.startsWith(longer + ".")));
        });
  }

  @Override
  public ResourcesRemoved deleteCreatedResources(ItemRef ref) {
    return AzureFailures.translated(
        null,
        () -> {
          ReplicatedItem item = item(ref);
          List<String> deleted = new ArrayList<>();
          List<String> kept = new ArrayList<>();
          List<String> ordered =
              item.createdByProtection().stream()
                  .sorted(Comparator.comparing(Created::of))
                  .toList();
          for (String id : ordered) {
            String usedBy = usedByAnotherItem(item, id);
            if (usedBy != null) {
              kept.add(id + ": used by " + usedBy);
              continue;
            }
            try {
              deleteResource(ActivityCaller.current(), id);
              deleted.add(id);
            } catch (AzureException notEmpty) {
              if (notEmpty.code() != AzureErrorCode.Conflict) {
                throw notEmpty;
              }
              kept.add(id + ": " + notEmpty.getMessage());
            }
          }
          return new ResourcesRemoved(deleted, kept);
        });
  }

  @Override
  public void removeItem(ItemOperation operation) {
    AzureFailures.translated(
        null,
        () ->
            azure
                .recoveryServices()
                .deleteReplicatedItem(
                    ActivityCaller.current(),
                    operation.vault(),
                    operation.vm(),
                    operation.operationId()));
  }

  private ReplicatedItem item(ItemRef ref) {
    return azure
        .recoveryServices()
        .replicatedItem(ref.vault(), ref.vm())
        .orElseThrow(
            () -> AzureException.notFound("replicated item " + ref.vault() + "/" + ref.vm()));
  }

  /** Deletes the blobs of a container whose names {@code named} accepts; returns how many. */
  private int deleteBlobs(String account, String container, Predicate<String> named) {
    List<BlobRef> blobs =
        azure.storage().blobs(account, container).stream()
            .map(PageBlob::ref)
            .filter(blob -> named.test(blob.blob()))
            .toList();
    blobs.forEach(blob -> azure.storage().deleteBlob(ActivityCaller.current(), blob));
    return blobs.size();
  }

  private void deleteResource(Caller caller, String id) {
    switch (Created.of(id)) {
      case AvailabilitySet ->
          azure
              .compute()
              .deleteAvailabilitySet(caller, ArmIds.resourceGroupOf(id), ArmIds.nameOf(id));
      case StorageAccount -> azure.storage().deleteStorageAccount(caller, ArmIds.nameOf(id));
      case ResourceGroup -> azure.resources().deleteResourceGroup(caller, ArmIds.nameOf(id));
    }
  }

  /**
   * The other item, of any vault, that records {@code id} as a storage account of its own (its
   * cache account, a side's account, its replicas'); null when none. The vault's items share their
   * cache account, which may be empty between two cycles of another item.
   */
  private String usedByAnotherItem(ReplicatedItem disabled, String id) {
    if (Created.of(id) != Created.StorageAccount) {
      return null;
    }
    String account = ArmIds.nameOf(id);
    return azure.recoveryServices().vaults().stream()
        .flatMap(vault -> azure.recoveryServices().replicatedItems(vault.name()).stream())
        .filter(
            other ->
                !(other.vault().equals(disabled.vault()) && other.name().equals(disabled.name())))
        .filter(other -> accountsOf(other).contains(account))
        .map(other -> other.vault() + "/" + other.name())
        .findFirst()
        .orElse(null);
  }

  private static Set<String> accountsOf(ReplicatedItem item) {
    Set<String> accounts = new HashSet<>();
    accounts.add(String.valueOf(item.cacheStorageAccount()));
    accounts.add(String.valueOf(item.primary().storageAccount()));
    accounts.add(String.valueOf(item.recovery().storageAccount()));
    item.replicaDisks().forEach(disk -> accounts.add(disk.replica().storageAccount()));
    return accounts;
  }
}
