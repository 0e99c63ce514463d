package dev.reprotect.workflows.reprotect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reprotect.activities.Customization;
import dev.reprotect.activities.ProtectionPlan;
import dev.reprotect.activities.ReprotectRequest;
import dev.reprotect.azure.Caller;
import dev.reprotect.azure.ItemSide;
import dev.reprotect.azure.ReplicaDisk;
import dev.reprotect.azure.ReplicatedItem;
import dev.reprotect.azure.ResourceGroup;
import dev.reprotect.azure.ResourceIds;
import dev.reprotect.azure.StorageAccount;
import dev.reprotect.azure.sim.Scenario;
import io.temporal.client.WorkflowFailedException;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Customised plans run end to end: the names asked for, in the regions they belong to. */
class CustomisationTest {
  @RegisterExtension static final TestWorkflowExtension temporal = ReprotectFixture.temporal();

  private static final Caller SOMEONE_ELSE = Caller.of("someone-else");

  private ReprotectFixture fixture;

  @AfterEach
  void closeFixture() {
    if (fixture != null) {
      fixture.close();
    }
  }

  private ProtectionSummary run(
      Scenario scenario, Customization custom, TestWorkflowEnvironment env, Worker worker) {
    seed(scenario, env, worker);
    env.start();
    return reprotect(custom, env);
  }

  private void seed(Scenario scenario, TestWorkflowEnvironment env, Worker worker) {
    fixture = new ReprotectFixture(scenario);
    fixture.register(env, worker);
  }

  private ProtectionSummary reprotect(Customization custom, TestWorkflowEnvironment env) {
    ReprotectRequest request = fixture.request(custom);
    return fixture.newWorkflow(env.getWorkflowClient()).reprotect(request);
  }

  private String regionOf(String account) {
    return fixture.azure.storage().storageAccount(account).orElseThrow().location();
  }

  /** The replicas and the cache live where replication needs them, in two accounts. */
  private void assertReplicationLaidOutAcrossThePair() {
    ReplicatedItem item = fixture.item();
    String source = fixture.scenario.sourceRegion();
    String target = fixture.scenario.targetRegion();
    assertThat(item.cacheStorageAccount()).isNotEqualTo(item.target().storageAccount());
    assertThat(regionOf(item.cacheStorageAccount())).as("cache account").isEqualTo(source);
    assertThat(regionOf(item.target().storageAccount())).as("target account").isEqualTo(target);
    assertThat(item.replicaDisks())
        .isNotEmpty()
        .allSatisfy(
            replica ->
                assertThat(regionOf(replica.replica().storageAccount()))
                    .as(replica.slot())
                    .isEqualTo(target));
  }

  @Test
  void customisedNamesAreCreatedInTheirRegionsAndUsed(TestWorkflowEnvironment env, Worker worker) {
    ProtectionSummary summary =
        run(
            ReprotectFixture.scenario().inAvailabilitySet(true).build(),
            new Customization(
                "rg-dr-custom", "stcustomtarget01", "stcustomcache01", "avset-custom", null),
            env,
            worker);

    assertThat(summary.state()).isEqualTo("Protected");
    assertThat(summary.disks())
        .allSatisfy(disk -> assertThat(disk.targetChecksum()).isEqualTo(disk.sourceChecksum()));
    assertThat(summary.artefacts())
        .extracting(ArtefactSummary::name)
        .contains("rg-dr-custom", "stcustomtarget01", "stcustomcache01", "avset-custom");
    ReplicatedItem item = fixture.item();
    assertThat(item.target())
        .isEqualTo(
            new ItemSide(
                fixture.scenario.targetRegion(),
                "rg-dr-custom",
                "stcustomtarget01",
                ResourceIds.availabilitySet("rg-dr-custom", "avset-custom"),
                null));
    assertThat(item.cacheStorageAccount()).isEqualTo("stcustomcache01");
    assertThat(
            fixture
                .azure
                .storage()
                .storageAccount("stcustomcache01")
                .orElseThrow()
                .isCacheOf(fixture.scenario.vault()))
        .isTrue();
    assertThat(fixture.azure.resources().resourceGroup("rg-dr-custom").orElseThrow().location())
        .isEqualTo(fixture.scenario.targetRegion());
    assertThat(fixture.azure.compute().availabilitySet("rg-dr-custom", "avset-custom"))
        .hasValueSatisfying(
            set -> assertThat(set.location()).isEqualTo(fixture.scenario.targetRegion()));
    assertReplicationLaidOutAcrossThePair();
  }

  @Test
  void namingTheMappedNetworkIsAccepted(TestWorkflowEnvironment env, Worker worker) {
    ProtectionSummary summary =
        run(
            ReprotectFixture.scenario().build(),
            new Customization(null, null, null, null, "vnet-eastasia"),
            env,
            worker);

    assertThat(summary.state()).isEqualTo("Protected");
  }

  @Test
  void aTargetAccountNamedLikeTheDefaultCacheStillReplicatesIntoTheTargetRegion(
      TestWorkflowEnvironment env, Worker worker) {
    // The vault has no cache account yet: the plan's default cache is "contosoasrcache".
    ProtectionSummary summary =
        run(
            ReprotectFixture.scenario().build(),
            new Customization(null, "contosoasrcache", null, null, null),
            env,
            worker);

    assertThat(summary.state()).isEqualTo("Protected");
    assertReplicationLaidOutAcrossThePair();
  }

  @Test
  void anAccountNameTakenBySomeoneElseAfterThePlanIsNotUsedForTheReplicas(
      TestWorkflowEnvironment env, Worker worker) {
    seed(ReprotectFixture.scenario().build(), env, worker);
    // The item's recorded target account is gone: the plan names a new one, "<source>asr".
    ReplicatedItem item = fixture.item();
    fixture
        .azure
        .recoveryServices()
        .putReplicatedItem(
            SOMEONE_ELSE,
            item.withReplicationTo(
                new ItemSide(
                    item.target().region(), item.target().resourceGroup(), "stdeletedlongago"),
                item.source().network(),
                null,
                item.replicaDisks(),
                item.reprotectCycles()));
    String planned = item.source().storageAccount() + "asr";
    String sourceRegion = fixture.scenario.sourceRegion();
    // While the job creates its cache account, someone else takes the planned target name.
    int nextCreate = fixture.azure.faults().callCount("createStorageAccount") + 1;
    fixture
        .azure
        .faults()
        .onCall(
            "createStorageAccount",
            nextCreate,
            () -> {
              ResourceGroup theirs =
                  fixture
                      .azure
                      .resources()
                      .createResourceGroup(
                          SOMEONE_ELSE, new ResourceGroup("rg-someone-else", sourceRegion));
              fixture
                  .azure
                  .storage()
                  .createStorageAccount(
                      SOMEONE_ELSE,
                      new StorageAccount(
                          planned, theirs.name(), sourceRegion, StorageAccount.KIND, Map.of()));
            });
    env.start();

    try {
      reprotect(Customization.none(), env);
      assertReplicationLaidOutAcrossThePair();
    } catch (WorkflowFailedException refused) {
      // Failing the job is an acceptable answer too; using their account is not.
    }
    assertThat(fixture.azure.storage().blobs(planned, ProtectionPlan.SEED_CONTAINER))
        .as("blobs written into someone else's account")
        .isEmpty();
    assertThat(fixture.item().replicaDisks())
        .extracting(ReplicaDisk::replica)
        .noneMatch(replica -> replica.storageAccount().equals(planned));
  }
}
