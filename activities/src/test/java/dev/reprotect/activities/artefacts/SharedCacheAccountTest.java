package dev.reprotect.activities.artefacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reprotect.activities.PlannedArtefact;
import dev.reprotect.activities.ProtectionPlan;
import dev.reprotect.activities.ReprotectRequest;
import dev.reprotect.activities.plan.ReprotectPlanner;
import dev.reprotect.azure.AzureErrorCode;
import dev.reprotect.azure.Caller;
import dev.reprotect.azure.StorageAccount;
import dev.reprotect.azure.sim.Scenario;
import dev.reprotect.azure.sim.ScenarioSeeder;
import dev.reprotect.azure.sim.SimulatedAzure;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two items of one vault reprotected at once: both plans name the vault's cache account before
 * either job created it, each in its own VM's resource group.
 */
class SharedCacheAccountTest {
  private static final Scenario WEB =
      Scenario.builder().vault("contoso").vm("web-01").diskSizeBytes(8L << 20).dataDisks(0).build();
  private static final Scenario DB = WEB.toBuilder().vm("db-01").build();
  private static final ActivityOptions ONE_ATTEMPT =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofMinutes(1))
          .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
          .build();

  private final SimulatedAzure azure = SimulatedAzure.seeded(WEB, 64 * 1024);
  private final TestActivityEnvironment temporal = TestActivityEnvironment.newInstance();
  private final ArtefactActivities artefacts;
  private final ProtectionPlan webPlan;
  private final ProtectionPlan dbPlan;

  SharedCacheAccountTest() {
    new ScenarioSeeder(azure).seed(DB);
    temporal.registerActivitiesImplementations(new ArtefactActivitiesImpl(azure));
    artefacts = temporal.newActivityStub(ArtefactActivities.class, ONE_ATTEMPT);
    webPlan = plan(WEB);
    dbPlan = plan(DB);
  }

  @AfterEach
  void close() {
    temporal.close();
    azure.close();
  }

  private ProtectionPlan plan(Scenario s) {
    return new ReprotectPlanner(azure).plan(ReprotectRequest.of(s.vault(), s.vm()), null);
  }

  @Test
  void bothPlansNameOneCacheAccountInTwoResourceGroups() {
    assertThat(dbPlan.cacheStorageAccount().name()).isEqualTo(webPlan.cacheStorageAccount().name());
    assertThat(dbPlan.cacheStorageAccount().resourceGroup())
        .isNotEqualTo(webPlan.cacheStorageAccount().resourceGroup());
  }

  @Test
  void theSecondJobReusesTheCacheAccountTheFirstCreated() {
    artefacts.ensureCacheStorageAccount(webPlan);
    artefacts.ensureCacheStorageAccount(dbPlan);

    assertThat(vaultCaches())
        .singleElement()
        .extracting(StorageAccount::resourceGroup)
        .isEqualTo(webPlan.cacheStorageAccount().resourceGroup());
  }

  @Test
  void aCreationThatRacesTheOtherJobsReusesTheAccountItMade() {
    int nextCreation = azure.faults().callCount("createStorageAccount") + 1;
    azure
        .faults()
        .onCall(
            "createStorageAccount",
            nextCreation,
            () ->
                azure
                    .storage()
                    .createStorageAccount(
                        Caller.of("the other job"),
                        account(webPlan.cacheStorageAccount(), cacheTags())));

    artefacts.ensureCacheStorageAccount(dbPlan);

    assertThat(vaultCaches())
        .singleElement()
        .extracting(StorageAccount::resourceGroup)
        .isEqualTo(webPlan.cacheStorageAccount().resourceGroup());
  }

  @Test
  void anAccountOfThatNameThatIsNotTheVaultsCacheStillFailsTheStep() {
    azure
        .storage()
        .createStorageAccount(
            Caller.of("someone else"), account(webPlan.cacheStorageAccount(), Map.of()));

    assertThatThrownBy(() -> artefacts.ensureCacheStorageAccount(dbPlan))
        .rootCause()
        .isInstanceOf(ApplicationFailure.class)
        .extracting(failure -> ((ApplicationFailure) failure).getType())
        .isEqualTo(AzureErrorCode.StorageAccountAlreadyTaken.name());
  }

  private static Map<String, String> cacheTags() {
    return Map.of(
        StorageAccount.TAG_VAULT, "contoso", StorageAccount.TAG_ROLE, StorageAccount.ROLE_CACHE);
  }

  private static StorageAccount account(PlannedArtefact planned, Map<String, String> tags) {
    return new StorageAccount(
        planned.name(), planned.resourceGroup(), planned.region(), StorageAccount.KIND, tags);
  }

  private List<StorageAccount> vaultCaches() {
    return azure.storage().storageAccounts().stream()
        .filter(account -> account.isCacheOf("contoso"))
        .toList();
  }
}
