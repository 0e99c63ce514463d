package dev.reprotect.worker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reprotect.activities.ReprotectErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DemoCommandTest {
  @Test
  void theDemoReprotectsTheVmAndPrintsOnlyItsSummaryAsJson() {
    CliRun run = CliRun.of("demo", "--json", "--disk-size", "32MiB", "--data-disks", "2");

    assertThat(run.exitCode()).isZero();
    JsonNode summary = run.json();
    assertThat(summary.get("state").asText()).isEqualTo("Protected");
    assertThat(summary.get("sourceRegion").asText()).isEqualTo("southeastasia");
    assertThat(summary.get("targetRegion").asText()).isEqualTo("eastasia");
    assertThat(summary.get("recoveryPoints").asInt()).isEqualTo(1);
    assertThat(summary.get("durationMs").asLong()).isNotNegative();
    assertThat(summary.get("artefacts"))
        .isNotEmpty()
        .allSatisfy(
            artefact -> {
              assertThat(artefact.fieldNames())
                  .toIterable()
                  .containsExactly("type", "role", "name", "region", "action");
              assertThat(artefact.get("action").asText()).isIn("created", "reused");
            });
    assertThat(summary.get("disks"))
        .hasSize(3)
        .allSatisfy(
            disk -> {
              assertThat(disk.fieldNames())
                  .toIterable()
                  .containsExactly(
                      "name",
                      "sizeBytes",
                      "allocatedBytes",
                      "seedBytesCopied",
                      "bytesTransferred",
                      "sourceChecksum",
                      "targetChecksum",
                      "syncKind",
                      "reason",
                      "meters",
                      "bytesChanged");
              assertThat(disk.get("syncKind").asText())
                  .as("the seeded VM was failed over before lineages were recorded")
                  .isEqualTo("full-compare");
              assertThat(disk.get("reason").asText()).isEqualTo("NoLineage");
              assertThat(disk.get("targetChecksum").asText())
                  .isEqualTo(disk.get("sourceChecksum").asText());
              assertThat(disk.get("sizeBytes").asLong()).isEqualTo(32L << 20);
            });
  }

  @Test
  void theDemoWatchesReplicationCyclesUnderChurnThenStopsItWithTheReplicasEqualToTheCut() {
    CliRun run =
        CliRun.of("demo", "--disk-size", "16MiB", "--churn", "4", "--cycles", "3", "--json");

    assertThat(run.exitCode()).as(run.stderr()).isZero();
    JsonNode result = run.json();
    assertThat(result.get("state").asText()).isEqualTo("Protected");
    JsonNode replication = result.get("replication");
    assertThat(replication.get("state").asText()).isEqualTo("Stopped");
    assertThat(replication.get("cycles"))
        .hasSize(3)
        .allSatisfy(
            cycle -> {
              assertThat(cycle.get("succeeded").asBoolean()).isTrue();
              assertThat(cycle.get("pointId").asText())
                  .endsWith(".p" + cycle.get("number").asLong());
              assertThat(cycle.get("bytesShipped").asLong()).isNotNegative();
            });
    long churned = replication.get("churnBytes").asLong();
    assertThat(churned).as("4 MB/s per disk over 3 cycles of 3 s").isPositive();
    assertThat(replication.get("bytesShipped").asLong()).isPositive();
    assertThat(replication.get("shippedPerChurned").asDouble())
        .isEqualTo((double) replication.get("bytesShipped").asLong() / churned);
    assertThat(replication.get("checksums"))
        .hasSize(2)
        .allSatisfy(
            disk -> assertThat(disk.get("replica").asText()).isEqualTo(disk.get("cut").asText()));
  }

  @Test
  void withoutCyclesTheJsonIsTheSummaryAlone() {
    CliRun run = CliRun.of("demo", "--disk-size", "8MiB", "--churn", "2", "--json");

    assertThat(run.exitCode()).as(run.stderr()).isZero();
    assertThat(run.json().get("state").asText()).isEqualTo("Protected");
    assertThat(run.json().has("replication")).isFalse();
  }

  @Test
  void churnAndCyclesDoNotGoWithABrokenPrerequisite() {
    CliRun run =
        CliRun.of("demo", "--disk-size", "8MiB", "--broken", "ItemNotFound", "--cycles", "2");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.stderr()).contains("--broken excludes --churn and --cycles");
  }

  @Test
  void theHumanDemoShowsTheStepsAndTheSummary() {
    CliRun run = CliRun.of("demo", "--disk-size", "16MiB", "--target-vm", "stopped");

    assertThat(run.exitCode()).isZero();
    assertThat(run.stdout())
        .contains("skip Turn off the target VM: web-01 is already stopped")
        .contains("ok   Initial sync")
        .contains("web-01 of vault contoso is Protected: replicating southeastasia -> eastasia");
  }

  @ParameterizedTest
  @EnumSource(ReprotectErrorCode.class)
  void aBrokenPrerequisiteIsRefusedWithItsCodeAndAFailingExitStatus(ReprotectErrorCode code) {
    CliRun run = CliRun.of("demo", "--json", "--disk-size", "8MiB", "--broken", code.name());

    assertThat(run.exitCode()).isEqualTo(1);
    JsonNode error = run.json().get("error");
    assertThat(error.get("code").asText()).isEqualTo(code.name());
    assertThat(error.get("message").asText()).isNotBlank();
  }

  @Test
  void aRefusedRequestLeavesTheBackendUnchanged() {
    CliRun run = CliRun.of("demo", "--disk-size", "8MiB", "--broken", "SourceVmDeleted");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.stdout()).contains("The backend is unchanged");
    assertThat(run.stderr()).contains("error SourceVmDeleted:");
  }

  @Test
  void aBadOptionIsAUsageErrorThatExplainsItself() {
    CliRun run = CliRun.of("demo", "--disk-size", "1000", "--json");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.stdout()).isEmpty();
    assertThat(run.stderr()).contains("--disk-size must be a positive multiple of 1MiB");
  }
}
