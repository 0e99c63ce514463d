package dev.reprotect.activities.artefacts;

import dev.reprotect.activities.ActivityCaller;
import dev.reprotect.activities.AzureFailures;
import dev.reprotect.activities.PlannedArtefact;
import dev.reprotect.activities.ReprotectPlan;
import dev.reprotect.azure.AvailabilitySet;
import dev.reprotect.azure.AzureBackend;
import dev.reprotect.azure.ResourceGroup;
import dev.reprotect.azure.StorageAccount;
import jakarta.inject.Inject;
import java.util.Map;

/**
 * Each step looks before it creates: an existing resource is reused as it is (its tags and
 * settings untouched), a missing one is created, so a retry after a crash is harmless.
 */
public final class ArtefactActivitiesImpl implements ArtefactActivities {
  private final AzureBackend azure;

  @Inject
  public ArtefactActivitiesImpl(AzureBackend azure) {
    this.azure = azure;
  }

  @Override
  public void ensureCacheStorageAccount(ReprotectPlan plan) {
    ensureStorageAccount(plan, plan.cacheStorageAccount(), Map.of(
        StorageAccount.TAG_VAULT, plan.vault(), StorageAccount.TAG_ROLE, StorageAccount.ROLE_CACHE));
  }

  @Override
  public void ensureTargetStorageAccount(ReprotectPlan plan) {
    ensureStorageAccount(plan, plan.targetStorageAccount(), Map.of());
  }

  @Override
  public void ensureTargetResourceGroup(ReprotectPlan plan) {
    PlannedArtefact group = plan.targetResourceGroup();
    AzureFailures.translated(plan.targetRegion(), () -> {
      if (azure.resources().resourceGroup(group.name()).isEmpty()) {
        azure.resources().createResourceGroup(
            ActivityCaller.current(), new ResourceGroup(group.name(), group.region()));
      }
    });
  }

  @Override
  public void ensureAvailabilitySet(ReprotectPlan plan) {
    PlannedArtefact set = plan.availabilitySet();
    AzureFailures.translated(plan.targetRegion(), () -> {
      if (azure.compute().availabilitySet(set.resourceGroup(), set.name()).isEmpty()) {
        azure.compute().createAvailabilitySet(ActivityCaller.current(),
            new AvailabilitySet(set.resourceGroup(), set.name(), set.region()));
      }
    });
  }

  private void ensureStorageAccount(
      ReprotectPlan plan, PlannedArtefact account, Map<String, String> tags) {
    AzureFailures.translated(plan.targetRegion(), () -> {
      if (azure.storage().storageAccount(account.name()).isEmpty()) {
        azure.storage().createStorageAccount(ActivityCaller.current(), new StorageAccount(
            account.name(), account.resourceGroup(), account.region(), StorageAccount.KIND, tags));
      }
    });
  }
}
