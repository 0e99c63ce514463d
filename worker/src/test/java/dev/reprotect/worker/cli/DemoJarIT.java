package dev.reprotect.worker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The packaged CLI as a user runs it: `java -jar reprotect.jar demo --json` in its own process,
 * so the shaded jar (its manifest, merged service files, logging setup) is what is tested.
 */
class DemoJarIT {
  private static final Path JAR = Paths.get("target", "reprotect.jar");

  private record Result(int exit, String stdout, String stderr) {}

  private static Result run(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(
        Paths.get(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
        JAR.toString()));
    command.addAll(List.of(args));
    Path out = Files.createTempFile("demo-out", ".txt");
    Path err = Files.createTempFile("demo-err", ".txt");
    Process process = new ProcessBuilder(command)
        .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    assertThat(process.waitFor(3, TimeUnit.MINUTES)).as("the demo ends").isTrue();
    return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  @Test
  void thePackagedDemoPrintsAProtectedSummaryAndNothingElseOnStdout() throws Exception {
    Result result = run("demo", "--json", "--disk-size", "64MiB", "--data-disks", "2");

    assertThat(result.exit()).as(result.stderr()).isZero();
    JsonNode summary = new ObjectMapper().readTree(result.stdout());
    assertThat(summary.get("state").asText()).isEqualTo("Protected");
    long allocated = 0;
    long sent = 0;
    for (JsonNode disk : summary.get("disks")) {
      assertThat(disk.get("targetChecksum").asText()).isEqualTo(disk.get("sourceChecksum").asText());
      allocated += disk.get("allocatedBytes").asLong();
      sent += disk.get("bytesTransferred").asLong();
    }
    // 5% of the blocks changed on the source, plus the stale side's few late writes.
    assertThat(sent).isPositive().isLessThan(allocated / 4);
  }

  @Test
  void thePackagedDemoExitsNonZeroWithAJsonErrorWhenARuleIsBroken() throws Exception {
    Result result = run("demo", "--json", "--disk-size", "8MiB", "--broken", "MigrationCompleted");

    assertThat(result.exit()).isEqualTo(1);
    JsonNode error = new ObjectMapper().readTree(result.stdout()).get("error");
    assertThat(error.get("code").asText()).isEqualTo("MigrationCompleted");
  }
}
