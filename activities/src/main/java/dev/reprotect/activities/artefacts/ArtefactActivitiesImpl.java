package dev.reprotect.activities.artefacts;

import dev.reprotect.activities.ActivityCaller;
import dev.reprotect.activities.AzureFailures;
import dev.reprotect.activities.PlannedArtefact;
import dev.reprotect.activities.ProtectionPlan;
import dev.reprotect.azure.AvailabilitySet;
import dev.reprotect.azure.AzureBackend;
import dev.reprotect.azure.AzureErrorCode;
import dev.reprotect.azure.AzureException;
import dev.reprotect.azure.ResourceGroup;
import dev.reprotect.azure.ResourceIds;
import dev.reprotect.azure.StorageAccount;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Each step looks before it creates: an existing resource is reused as it is (its tags and settings
 * untouched), a missing one is created, so a retry after a crash is harmless. What the plan says is
 * new is recorded on the item as created by its protection, for a disable.
 */
public final class ArtefactActivitiesImpl implements ArtefactActivities {
  private final AzureBackend azure;

  @Inject
  public ArtefactActivitiesImpl(AzureBackend azure) {
    this.azure = azure;
  }

  @Override
  public void ensureCacheStorageAccount(ProtectionPlan plan) {
    PlannedArtefact cache = plan.cacheStorageAccount();
    // The items of a vault share its cache account in a region: the job of another item may
    // have created it, in its own VM's resource group, since this plan was made.
    Predicate<StorageAccount> theVaultsCache =
        existing -> existing.isCacheOf(plan.vault()) && existing.location().equals(cache.region());
    ensureStorageAccount(
        plan,
        cache,
        Map.of(
            StorageAccount.TAG_VAULT,
            plan.vault(),
            StorageAccount.TAG_ROLE,
            StorageAccount.ROLE_CACHE),
        theVaultsCache);
  }

  @Override
  public void ensureTargetStorageAccount(ProtectionPlan plan) {
    ensureStorageAccount(plan, plan.targetStorageAccount(), Map.of(), existing -> false);
  }

  @Override
  public void ensureTargetResourceGroup(ProtectionPlan plan) {
    PlannedArtefact group = plan.targetResourceGroup();
    AzureFailures.translated(
        plan.targetRegion(),
        () -> {
          recordCreations(plan);
          if (azure.resources().resourceGroup(group.name()).isEmpty()) {
            azure
                .resources()
                .createResourceGroup(
                    ActivityCaller.current(), new ResourceGroup(group.name(), group.region()));
          }
        });
  }

  @Override
  public void ensureAvailabilitySet(ProtectionPlan plan) {
    PlannedArtefact set = plan.availabilitySet();
    // Create-or-update: an existing set of that name in another region is a conflict.
    AzureFailures.translated(
        plan.targetRegion(),
        () -> {
          recordCreations(plan);
          azure
              .compute()
              .createAvailabilitySet(
                  ActivityCaller.current(),
                  new AvailabilitySet(set.resourceGroup(), set.name(), set.region()));
        });
  }

  /**
   * Records on the item, before anything is created, every resource the plan says is new: a disable
   * then knows it may delete them, and a crash between a record and a create leaves nothing
   * unrecorded. What the plan reuses was there before the protection, and is never recorded. Each
   * step asks, the first records: one change of the item per job.
   */
  private void recordCreations(ProtectionPlan plan) {
    List<String> created = new ArrayList<>();
    for (PlannedArtefact artefact : plan.artefacts()) {
      if (!artefact.exists()) {
        switch (artefact.type()) {
          case ResourceGroup -> created.add(ResourceIds.resourceGroup(artefact.name()));
          case StorageAccount ->
              created.add(ResourceIds.storageAccount(artefact.resourceGroup(), artefact.name()));
          case AvailabilitySet ->
              created.add(ResourceIds.availabilitySet(artefact.resourceGroup(), artefact.name()));
          // The network comes from the pair's mapping: a protection never makes one.
          case VirtualNetwork -> {}
        }
      }
    }
    azure
        .recoveryServices()
        .replicatedItem(plan.vault(), plan.vm())
        .ifPresent(item -> created.removeAll(item.createdByProtection()));
    if (!created.isEmpty()) {
      azure
          .recoveryServices()
          .recordCreatedResources(ActivityCaller.current(), plan.vault(), plan.vm(), created);
    }
  }

  /**
   * An existing account is reused only if it is the planned one (same resource group and region) or
   * {@code alsoOurs} accepts it. A name taken by someone else since the plan was made fails the
   * step; it never receives data.
   */
  private void ensureStorageAccount(
      ProtectionPlan plan,
      PlannedArtefact account,
      Map<String, String> tags,
      Predicate<StorageAccount> alsoOurs) {
    AzureFailures.translated(
        plan.targetRegion(),
        () -> {
          recordCreations(plan);
          Optional<StorageAccount> existing = azure.storage().storageAccount(account.name());
          if (existing.isEmpty()) {
            try {
              azure
                  .storage()
                  .createStorageAccount(
                      ActivityCaller.current(),
                      new StorageAccount(
                          account.name(),
                          account.resourceGroup(),
                          account.region(),
                          StorageAccount.KIND,
                          tags));
              return;
            } catch (AzureException taken) {
              existing = azure.storage().storageAccount(account.name());
              if (taken.code() != AzureErrorCode.StorageAccountAlreadyTaken || existing.isEmpty()) {
                throw taken;
              }
            }
          }
          StorageAccount found = existing.get();
          boolean planned =
              found.resourceGroup().equalsIgnoreCase(account.resourceGroup())
                  && found.location().equals(account.region());
          if (!planned && !alsoOurs.test(found)) {
            throw new AzureException(
                AzureErrorCode.StorageAccountAlreadyTaken,
                "the "
                    + account.role()
                    + " "
                    + account.name()
                    + " was planned in "
                    + account.region()
                    + " (resource group "
                    + account.resourceGroup()
                    + "), but that name now belongs to an"
                    + " account in "
                    + found.location()
                    + " (resource group "
                    + found.resourceGroup()
                    + "); plan again");
          }
        });
  }
}
