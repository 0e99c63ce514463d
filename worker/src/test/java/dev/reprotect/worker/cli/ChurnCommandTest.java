package dev.reprotect.worker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reprotect.azure.ChurnPattern;
import dev.reprotect.azure.ChurnSpec;
import dev.reprotect.azure.service.AzureService;
import dev.reprotect.azure.sim.Scenario;
import dev.reprotect.azure.sim.ScenarioSeeder;
import dev.reprotect.azure.sim.SimulatedAzure;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The churn command against a simulated Azure service in this JVM. */
class ChurnCommandTest {
  private static final String TOKEN = "churn-token";
  private static final Scenario SCENARIO = Scenario.builder().diskSizeBytes(64 * 4096).build();
  private static final String RG =
      ScenarioSeeder.resourceGroupName(SCENARIO.vm(), SCENARIO.sourceRegion());

  private SimulatedAzure sim;
  private AzureService service;

  @BeforeEach
  void serve() {
    sim = SimulatedAzure.seeded(SCENARIO, 4096);
    service = AzureService.start(0, TOKEN, sim);
  }

  @AfterEach
  void stop() {
    service.close();
    sim.close();
  }

  @Test
  void churnStartsOnTheItemsActiveVmShowsAndStops() {
    CliRun started = churn("--mbps", "0.5", "--pattern", "hot-spot", "--seed", "3", "--json");

    assertThat(started.exitCode()).as(started.stderr()).isZero();
    assertThat(started.json().get("resourceGroup").asText()).isEqualTo(RG);
    assertThat(started.json().get("churning").asBoolean()).isTrue();
    assertThat(sim.workload().churn(RG, SCENARIO.vm()))
        .hasValueSatisfying(
            status ->
                assertThat(status.spec()).isEqualTo(new ChurnSpec(0.5, ChurnPattern.HotSpot, 3)));

    CliRun shown = churn();
    assertThat(shown.exitCode()).isZero();
    assertThat(shown.stdout()).contains("churning 0.5 MB/s per disk, HotSpot, seed 3");

    CliRun stopped = churn("--stop", "--json");
    assertThat(stopped.exitCode()).isZero();
    assertThat(stopped.json().get("churning").asBoolean()).isFalse();
    assertThat(sim.workload().churn(RG, SCENARIO.vm())).isEmpty();
  }

  @Test
  void aBadPatternOrNoServiceIsAUsageError() {
    assertThat(churn("--mbps", "1", "--pattern", "zigzag").exitCode()).isEqualTo(2);
    assertThat(churn("--mbps", "1", "--stop").exitCode()).isEqualTo(2);
    CliRun noService = CliRun.of("churn", SCENARIO.vm(), "--vault", SCENARIO.vault());
    assertThat(noService.exitCode()).isEqualTo(2);
    assertThat(noService.stderr()).contains("--azure-url");
  }

  @Test
  void anUnknownItemFailsWithItsCode() {
    CliRun run =
        CliRun.of(
            "churn",
            "nope",
            "--vault",
            SCENARIO.vault(),
            "--json",
            "--azure-url",
            url(),
            "--azure-token",
            TOKEN);

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.json().at("/error/code").asText()).isEqualTo("ResourceNotFound");
  }

  @Test
  void theHelpExplainsTheOptions() {
    CliRun run = CliRun.of("churn", "--help");

    assertThat(run.exitCode()).isZero();
    assertThat(run.stdout()).contains("--mbps", "--pattern", "hot-spot", "--stop", "--azure-url");
  }

  private CliRun churn(String... options) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "churn",
                SCENARIO.vm(),
                "--vault",
                SCENARIO.vault(),
                "--azure-url",
                url(),
                "--azure-token",
                TOKEN));
    args.addAll(List.of(options));
    return CliRun.of(args.toArray(String[]::new));
  }

  private String url() {
    return "http://127.0.0.1:" + service.port();
  }
}
