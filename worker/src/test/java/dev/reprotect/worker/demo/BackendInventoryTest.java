package dev.reprotect.worker.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reprotect.activities.replication.ReplicationCycleActivitiesImpl;
import dev.reprotect.azure.BlobRef;
import dev.reprotect.azure.Caller;
import dev.reprotect.azure.StorageAccount;
import dev.reprotect.azure.http.HttpAzureBackend;
import dev.reprotect.azure.service.AzureService;
import dev.reprotect.azure.sim.Scenario;
import dev.reprotect.azure.sim.ScenarioSeeder;
import dev.reprotect.azure.sim.SimulatedAzure;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BackendInventoryTest {
  private static final int BLOCK_SIZE = 4096;
  private static final Scenario SCENARIO =
      Scenario.builder().diskSizeBytes(64 * BLOCK_SIZE).unprotected(true).build();
  private static final String RG =
      ScenarioSeeder.resourceGroupName(SCENARIO.vm(), SCENARIO.sourceRegion());
  private static final Caller CYCLE = Caller.of("replication-cycle");
  private static final String TOKEN = "inventory-token";

  /**
   * A replication cycle stages a disk's changed blocks in a blob of the vault's cache account and
   * deletes it once the replica is verified: one left behind is a leak, and the inventory, from
   * either backend's export, shows it as one.
   */
  @Test
  void aStagedBlobACycleLeftBehindIsInTheInventoryOfBothBackendsAndReportedAsALeak() {
    try (SimulatedAzure sim = SimulatedAzure.seeded(SCENARIO, BLOCK_SIZE);
        AzureService service = AzureService.start(0, TOKEN, sim)) {
      HttpAzureBackend http =
          new HttpAzureBackend(URI.create("http://127.0.0.1:" + service.port()), TOKEN);
      StorageAccount cache =
          sim.storage()
              .createStorageAccount(
                  CYCLE,
                  new StorageAccount(
                      "cachesea01",
                      "rg-" + SCENARIO.vault() + "-vault",
                      SCENARIO.sourceRegion(),
                      StorageAccount.KIND,
                      Map.of(StorageAccount.TAG_VAULT, SCENARIO.vault())));
      List<String> clean = BackendInventory.of(sim, RG, SCENARIO.vm());

      BlobRef staged =
          new BlobRef(
              cache.name(),
              ReplicationCycleActivitiesImpl.STAGING_CONTAINER,
              SCENARIO.vm() + ".r0123abcd.c7.os.vhd");
      sim.storage().createPageBlob(CYCLE, staged, 64 * BLOCK_SIZE);
      sim.storage().writeBlock(CYCLE, staged, 3, new byte[BLOCK_SIZE]);

      List<String> after = BackendInventory.of(sim, RG, SCENARIO.vm());
      assertThat(RoundTripFormat.minus(after, clean))
          .as("what the verdict lists as leaked")
          .containsExactly("blob cachesea01/staging/" + SCENARIO.vm() + ".<job>.c7.os.vhd");
      assertThat(BackendInventory.of(http, RG, SCENARIO.vm())).isEqualTo(after);
    }
  }
}
