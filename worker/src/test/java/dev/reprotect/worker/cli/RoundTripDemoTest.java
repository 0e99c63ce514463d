package dev.reprotect.worker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RoundTripDemoTest {
  @Test
  void theRoundTripEndsProtectedInTheOriginalDirectionWithEveryHopsChecksumsEqualAndNoLeak() {
    CliRun run = CliRun.of("demo", "--round-trip", "--json", "--disk-size", "8MiB");

    assertThat(run.exitCode()).as(run.stderr()).isZero();
    JsonNode hops = run.json();
    List<String> operations = new ArrayList<>();
    hops.forEach(hop -> operations.add(hop.get("operation").asText()));
    assertThat(operations).containsExactly("enable", "test-failover", "test-failover-cleanup",
        "failover", "commit", "reprotect", "failback", "commit", "reprotect");
    JsonNode last = hops.get(hops.size() - 1);
    assertThat(last.get("stateAfter").asText()).isEqualTo("Protected");
    assertThat(last.get("activeRegionAfter").asText()).isEqualTo("southeastasia");
    assertThat(hops.get(0).get("direction").asText()).isEqualTo("southeastasia -> eastasia");
    assertThat(hops).allSatisfy(hop -> assertThat(hop.get("checksums")).allSatisfy(disk ->
        assertThat(disk.get("actual").asText()).isEqualTo(disk.get("expected").asText())));
    assertThat(hops.get(1).get("churnBytes").asLong()).as("the churn after the enable")
        .isPositive();
    assertThat(hops.get(6).get("churnBytes").asLong()).as("the churn before the failback")
        .isPositive();
  }

  @Test
  void theHumanRoundTripPrintsAHopPerLineAndTheInventoryBeforeAndAfter() {
    CliRun run = CliRun.of("demo", "--round-trip", "--disk-size", "8MiB");

    assertThat(run.exitCode()).as(run.stdout() + run.stderr()).isZero();
    assertThat(run.stdout()).contains("Inventory before", "Inventory after",
        "round trip OK").containsPattern("(?m)^failback +eastasia -> southeastasia ");
  }
}
