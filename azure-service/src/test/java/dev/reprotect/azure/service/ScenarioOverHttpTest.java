package dev.reprotect.azure.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reprotect.azure.ActivityLogEntry;
import dev.reprotect.azure.http.HttpAzureBackend;
import dev.reprotect.azure.sim.Scenario;
import dev.reprotect.azure.sim.ScenarioSeeder;
import dev.reprotect.azure.sim.SimulatedAzure;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** The demo's world, seeded through the HTTP client, is the world seeded in-process. */
class ScenarioOverHttpTest {
  private static final int BLOCK_SIZE = 4096;

  @Test
  void aScenarioSeededOverHttpEqualsOneSeededInProcess() {
    Scenario scenario =
        Scenario.builder()
            .diskSizeBytes(256L * BLOCK_SIZE)
            .dataDisks(2)
            .inAvailabilitySet(true)
            .sourceDataDiskGrowthBytes(8L * BLOCK_SIZE)
            .targetVm(Scenario.TargetVm.Stopped)
            .build();
    try (SimulatedAzure direct = SimulatedAzure.seeded(scenario, BLOCK_SIZE);
        SimulatedAzure served =
            SimulatedAzure.inTemporaryDirectory(BLOCK_SIZE)
                .withRegion(scenario.sourceRegion())
                .withRegion(scenario.targetRegion());
        AzureService service = AzureService.start(0, "seed-token", served);
        HttpAzureBackend client =
            new HttpAzureBackend(
                URI.create("http://127.0.0.1:" + service.port() + "/"), "seed-token")) {

      new ScenarioSeeder(client).seed(scenario);

      assertThat(client.exportState()).isEqualTo(direct.exportState());
      // The seeder writes disk pairs in parallel: the same operations, in whatever order.
      assertThat(client.metering().activityLog())
          .extracting(ActivityLogEntry::operation)
          .containsExactlyInAnyOrderElementsOf(
              direct.metering().activityLog().stream().map(ActivityLogEntry::operation).toList());
    }
  }
}
