package dev.reprotect.worker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reprotect.azure.service.AzureService;
import dev.reprotect.azure.sim.Scenario;
import dev.reprotect.azure.sim.SimulatedAzure;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RoundTripDemoTest {
  private static final String TOKEN = "round-trip-token";

  @Test
  void theRoundTripEndsProtectedInTheOriginalDirectionWithEveryHopsChecksumsEqualAndNoLeak() {
    CliRun run = CliRun.of("demo", "--round-trip", "--json", "--disk-size", "8MiB");

    assertThat(run.exitCode()).as(run.stderr()).isZero();
    assertRoundTripSucceeded(run.json(), "southeastasia", "eastasia");
  }

  /**
   * What a round trip's JSON must show, wherever it ran: every hop in order, each a job with its
   * workflow, ending Protected in the original direction, every hop's checksums equal, the
   * churns counted, and the inventory exactly a protected VM's.
   */
  static void assertRoundTripSucceeded(JsonNode result, String source, String target) {
    JsonNode hops = result.get("hops");
    List<String> operations = new ArrayList<>();
    hops.forEach(hop -> operations.add(hop.get("operation").asText()));
    assertThat(operations).containsExactly("enable", "test-failover", "test-failover-cleanup",
        "failover", "commit", "reprotect", "failback", "commit", "reprotect");
    assertThat(hops).allSatisfy(hop -> assertThat(hop.get("workflowId").asText()).isNotBlank());
    JsonNode last = hops.get(hops.size() - 1);
    assertThat(last.get("stateAfter").asText()).isEqualTo("Protected");
    assertThat(last.get("activeRegionAfter").asText()).isEqualTo(source);
    assertThat(hops.get(0).get("direction").asText()).isEqualTo(source + " -> " + target);
    assertThat(hops).allSatisfy(hop -> assertThat(hop.get("checksums")).allSatisfy(disk ->
        assertThat(disk.get("actual").asText()).isEqualTo(disk.get("expected").asText())));
    assertThat(hops.get(1).get("churnBytes").asLong()).as("the churn after the enable")
        .isPositive();
    assertThat(hops.get(6).get("churnBytes").asLong()).as("the churn before the failback")
        .isPositive();
    assertThat(result.get("inventoryAfter")).as("no leak")
        .isEqualTo(result.get("inventoryExpected"));
    assertThat(result.get("inventoryAfter").size())
        .isGreaterThan(result.get("inventoryBefore").size());
    assertThat(result.get("succeeded").asBoolean()).isTrue();
  }

  @Test
  void theHumanRoundTripPrintsAHopPerLineAndTheInventoryBeforeAndAfter() {
    CliRun run = CliRun.of("demo", "--round-trip", "--disk-size", "8MiB");

    assertThat(run.exitCode()).as(run.stdout() + run.stderr()).isZero();
    assertThat(run.stdout()).contains("Inventory before", "Inventory after",
        "round trip OK").containsPattern("(?m)^failback +eastasia -> southeastasia ");
  }

  @Test
  void onAnAzureServiceTheRoundTripSeedsItsVmBesideTheOthersAndEndsWithoutALeak() {
    Scenario world = Scenario.builder().diskSizeBytes(8L << 20).build();
    try (SimulatedAzure sim = SimulatedAzure.seeded(world, SimulatedAzure.DEFAULT_BLOCK_SIZE);
        AzureService service = AzureService.start(0, TOKEN, sim)) {
      CliRun run = CliRun.of("demo", "--round-trip", "--json", "--disk-size", "8MiB",
          "--vm", "app-01", "--azure-url", "http://127.0.0.1:" + service.port(),
          "--azure-token", TOKEN);

      assertThat(run.exitCode()).as(run.stderr()).isZero();
      assertRoundTripSucceeded(run.json(), "southeastasia", "eastasia");
      assertThat(sim.recoveryServices().replicatedItem(world.vault(), world.vm()))
          .as("the service's own item").hasValueSatisfying(item ->
              assertThat(item.state().name()).isEqualTo("FailoverCommitted"));
    }
  }

  @Test
  void aVmTheServiceProtectsAlreadyIsRefusedWithItsCodeAndNothingChanges() {
    Scenario world = Scenario.builder().diskSizeBytes(8L << 20).build();
    try (SimulatedAzure sim = SimulatedAzure.seeded(world, SimulatedAzure.DEFAULT_BLOCK_SIZE);
        AzureService service = AzureService.start(0, TOKEN, sim)) {
      String before = sim.exportState();

      CliRun run = CliRun.of("demo", "--round-trip", "--json", "--disk-size", "8MiB",
          "--vm", world.vm(), "--azure-url", "http://127.0.0.1:" + service.port(),
          "--azure-token", TOKEN);

      assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
      assertThat(run.json().at("/error/code").asText()).isEqualTo("ItemExists");
      assertThat(sim.exportState()).isEqualTo(before);
    }
  }

  @Test
  void aTemporalServiceThatDoesNotAnswerFailsTheDemoBeforeTheAzureServiceChanges() {
    Scenario world = Scenario.builder().diskSizeBytes(8L << 20).build();
    try (SimulatedAzure sim = SimulatedAzure.seeded(world, SimulatedAzure.DEFAULT_BLOCK_SIZE);
        AzureService service = AzureService.start(0, TOKEN, sim)) {
      String before = sim.exportState();

      CliRun run = CliRun.of("demo", "--round-trip", "--json", "--disk-size", "8MiB",
          "--vm", "app-01", "--address", "127.0.0.1:" + Await.freePort(),
          "--azure-url", "http://127.0.0.1:" + service.port(), "--azure-token", TOKEN);

      assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
      assertThat(run.json().at("/error/code").asText()).isEqualTo("TemporalUnavailable");
      assertThat(sim.exportState()).isEqualTo(before);
    }
  }

  @Test
  void aTemporalServiceWithoutAnAzureServiceIsAUsageError() {
    CliRun run = CliRun.of("demo", "--round-trip", "--address", "127.0.0.1:7233");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.stderr()).contains("--address needs --azure-url");
  }
}
