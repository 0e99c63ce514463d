package dev.reprotect.worker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reprotect.azure.service.AzureService;
import dev.reprotect.azure.sim.Scenario;
import dev.reprotect.azure.sim.SimulatedAzure;
import dev.reprotect.worker.Await;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RoundTripDemoTest {
  private static final String TOKEN = "round-trip-token";

  /** The world of an Azure service: the default VM, failed over and committed. */
  private static final Scenario WORLD = Scenario.builder().diskSizeBytes(8L << 20).build();

  @Test
  void theRoundTripEndsProtectedInTheOriginalDirectionWithEveryHopsChecksumsEqualAndNoLeak() {
    CliRun run = CliRun.of("demo", "--round-trip", "--json", "--disk-size", "8MiB");

    assertThat(run.exitCode()).as(run.stderr()).isZero();
    assertRoundTripSucceeded(run.json(), "southeastasia", "eastasia");
  }

  /**
   * What a round trip's JSON must show, wherever it ran: every hop in order, each a job with its
   * workflow, ending Protected in the original direction, every hop's checksums equal, the churns
   * counted, and the inventory exactly a protected VM's.
   */
  static void assertRoundTripSucceeded(JsonNode result, String source, String target) {
    JsonNode hops = result.get("hops");
    List<String> operations = new ArrayList<>();
    hops.forEach(hop -> operations.add(hop.get("operation").asText()));
    assertThat(operations)
        .containsExactly(
            "enable",
            "test-failover",
            "test-failover-cleanup",
            "failover",
            "commit",
            "reprotect",
            "failback",
            "commit",
            "reprotect");
    assertThat(hops).allSatisfy(hop -> assertThat(hop.get("workflowId").asText()).isNotBlank());
    JsonNode last = hops.get(hops.size() - 1);
    assertThat(last.get("stateAfter").asText()).isEqualTo("Protected");
    assertThat(last.get("activeRegionAfter").asText()).isEqualTo(source);
    assertThat(hops.get(0).get("direction").asText()).isEqualTo(source + " -> " + target);
    assertThat(hops)
        .allSatisfy(
            hop ->
                assertThat(hop.get("checksums"))
                    .allSatisfy(
                        disk ->
                            assertThat(disk.get("actual").asText())
                                .isEqualTo(disk.get("expected").asText())));
    assertThat(hops.get(1).get("churnBytes").asLong())
        .as("the churn after the enable")
        .isPositive();
    assertThat(hops.get(6).get("churnBytes").asLong())
        .as("the churn before the failback")
        .isPositive();
    assertThat(hops.get(0).get("sync").get("kind").asText()).isEqualTo("full-compare");
    for (int reprotect : List.of(5, 8)) {
      JsonNode sync = hops.get(reprotect).get("sync");
      assertThat(sync.get("kind").asText())
          .as("the reprotect after a failover the engine ran")
          .isEqualTo("changed-blocks");
      assertThat(sync.get("bytesReadOnSource").asLong() + sync.get("bytesReadOnTarget").asLong())
          .as(
              "what the reprotect read on both sides: the changed blocks, and the stale writes its seeds applied")
          .isPositive();
      long churned = hops.get(reprotect).get("churnBytes").asLong();
      long sent = hops.get(reprotect).get("bytesSentAcrossRegions").asLong();
      assertThat(churned).as("both sides wrote between the commit and the reprotect").isPositive();
      assertThat(sync.get("bytesChanged").asLong())
          .as("the blocks changed since the failover, on either side")
          .isPositive();
      assertThat(sync.get("changedBlockSyncsRead").asLong())
          .as("the changed-block syncs read the changed blocks")
          .isPositive();
      assertThat(sent)
          .as("the reprotect sends the source's changed blocks, no more than the guests wrote")
          .isPositive()
          .isLessThanOrEqualTo(churned);
      assertThat(sync.get("changedBlockSyncsSent").asLong()).isPositive().isLessThanOrEqualTo(sent);
    }
    assertThat(result.get("inventoryAfter"))
        .as("no leak")
        .isEqualTo(result.get("inventoryExpected"));
    assertThat(result.get("inventoryAfter").size())
        .isGreaterThan(result.get("inventoryBefore").size());
    assertThat(result.get("succeeded").asBoolean()).isTrue();
  }

  @Test
  void theHumanRoundTripPrintsAHopPerLineAndTheInventoryBeforeAndAfter() {
    CliRun run = CliRun.of("demo", "--round-trip", "--disk-size", "8MiB");

    assertThat(run.exitCode()).as(run.stdout() + run.stderr()).isZero();
    assertThat(run.stdout())
        .contains("Inventory before", "Inventory after", "round trip OK")
        .containsPattern("(?m)^failback +eastasia -> southeastasia ");
  }

  @Test
  void onAnAzureServiceTheRoundTripSeedsItsVmBesideTheOthersAndEndsWithoutALeak() {
    ServedRun served = onAService("--vm", "app-01");

    assertThat(served.run.exitCode()).as(served.run.stderr()).isZero();
    assertRoundTripSucceeded(served.run.json(), "southeastasia", "eastasia");
    assertThat(
            served
                .stateAfter
                .lines()
                .filter(
                    line -> line.startsWith("replicatedItem " + WORLD.vault() + "/" + WORLD.vm())))
        .as("the service's own item, as it was")
        .singleElement()
        .asString()
        .contains("state=FailoverCommitted");
  }

  @Test
  void aVmTheServiceProtectsAlreadyIsRefusedWithItsCodeAndNothingChanges() {
    ServedRun served = onAService("--vm", WORLD.vm());

    assertThat(served.run.exitCode()).isEqualTo(ExitCodes.FAILED);
    assertThat(served.run.json().at("/error/code").asText()).isEqualTo("ItemExists");
    assertThat(served.stateAfter).isEqualTo(served.stateBefore);
  }

  @Test
  void aTemporalServiceThatDoesNotAnswerFailsTheDemoBeforeTheAzureServiceChanges() {
    String address = "127.0.0.1:" + Await.freePort();
    ServedRun served = onAService("--vm", "app-01", "--address", address);

    assertThat(served.run.exitCode()).isEqualTo(ExitCodes.FAILED);
    assertThat(served.run.json().at("/error/code").asText()).isEqualTo("TemporalUnavailable");
    assertThat(served.run.json().at("/error/message").asText())
        .as("the address it tried")
        .contains(address);
    assertThat(served.stateAfter).isEqualTo(served.stateBefore);
  }

  /** A round trip's run on an Azure service, and the service's export before and after it. */
  private record ServedRun(CliRun run, String stateBefore, String stateAfter) {}

  /** The round trip, with {@code options}, on an Azure service of this JVM serving WORLD. */
  private static ServedRun onAService(String... options) {
    try (SimulatedAzure sim = SimulatedAzure.seeded(WORLD, SimulatedAzure.DEFAULT_BLOCK_SIZE);
        AzureService service = AzureService.start(0, TOKEN, sim)) {
      String before = sim.exportState();
      List<String> args =
          new ArrayList<>(
              List.of(
                  "demo",
                  "--round-trip",
                  "--json",
                  "--disk-size",
                  "8MiB",
                  "--azure-url",
                  "http://127.0.0.1:" + service.port(),
                  "--azure-token",
                  TOKEN));
      args.addAll(List.of(options));
      CliRun run = CliRun.of(args.toArray(String[]::new));
      return new ServedRun(run, before, sim.exportState());
    }
  }

  @Test
  void aTemporalServiceWithoutAnAzureServiceIsAUsageError() {
    CliRun run = CliRun.of("demo", "--round-trip", "--address", "127.0.0.1:7233");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.stderr()).contains("--address needs --azure-url");
  }
}
