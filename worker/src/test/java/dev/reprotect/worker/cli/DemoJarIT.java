package dev.reprotect.worker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/**
 * The packaged CLI as a user runs it: `java -jar reprotect.jar demo --json` in its own process, so
 * the shaded jar (its manifest, merged service files, logging setup) is what is tested.
 */
class DemoJarIT {
  @Test
  void thePackagedDemoPrintsAProtectedSummaryAndNothingElseOnStdout() throws Exception {
    PackagedCli.Result result =
        PackagedCli.run("demo", "--json", "--disk-size", "64MiB", "--data-disks", "2");

    assertThat(result.exit()).as(result.stderr()).isZero();
    JsonNode summary = new ObjectMapper().readTree(result.stdout());
    assertThat(summary.get("state").asText()).isEqualTo("Protected");
    long allocated = 0;
    long sent = 0;
    for (JsonNode disk : summary.get("disks")) {
      assertThat(disk.get("targetChecksum").asText())
          .isEqualTo(disk.get("sourceChecksum").asText());
      allocated += disk.get("allocatedBytes").asLong();
      sent += disk.get("bytesTransferred").asLong();
    }
    // 5% of the blocks changed on the source, plus the stale side's few late writes.
    assertThat(sent).isPositive().isLessThan(allocated / 4);
  }

  @Test
  void thePackagedDemoExitsNonZeroWithAJsonErrorWhenARuleIsBroken() throws Exception {
    PackagedCli.Result result =
        PackagedCli.run("demo", "--json", "--disk-size", "8MiB", "--broken", "MigrationCompleted");

    assertThat(result.exit()).isEqualTo(1);
    JsonNode error = new ObjectMapper().readTree(result.stdout()).get("error");
    assertThat(error.get("code").asText()).isEqualTo("MigrationCompleted");
  }
}
