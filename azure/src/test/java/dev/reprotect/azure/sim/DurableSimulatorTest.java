package dev.reprotect.azure.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reprotect.azure.BlockHash;
import dev.reprotect.azure.Caller;
import dev.reprotect.azure.PageBlob;
import dev.reprotect.azure.PowerState;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DurableSimulatorTest {
  private static final int BLOCK_SIZE = 4096;
  private static final Scenario SCENARIO =
      Scenario.builder().diskSizeBytes(256 * BLOCK_SIZE).dataDisks(2).build();

  private static final String SEEDER = ScenarioSeeder.SEEDER.correlationId();

  @TempDir Path dataDir;

  private SimulatedAzure open() {
    return SimulatedAzure.durable(dataDir, BLOCK_SIZE)
        .withRegion(SCENARIO.sourceRegion())
        .withRegion(SCENARIO.targetRegion());
  }

  @Test
  void aSimulatorOpenedAgainOnItsDataDirServesTheSameWorld() {
    String state;
    List<?> log;
    long metered;
    long meteredToSeeder;
    try (SimulatedAzure azure = open()) {
      new ScenarioSeeder(azure).seed(SCENARIO);
      state = azure.exportState();
      log = azure.metering().activityLog();
      metered = azure.metering().bytesTransferred(SCENARIO.targetRegion(), SCENARIO.sourceRegion());
      meteredToSeeder = azure.metering().bytesTransferredBy(SEEDER);
    }
    assertThat(metered).isPositive();
    assertThat(meteredToSeeder).isPositive();

    try (SimulatedAzure reopened = open()) {
      assertThat(reopened.exportState()).isEqualTo(state);
      assertThat(reopened.metering().activityLog()).isEqualTo(log);
      assertThat(
              reopened
                  .metering()
                  .bytesTransferred(SCENARIO.targetRegion(), SCENARIO.sourceRegion()))
          .isEqualTo(metered);
      assertThat(reopened.metering().bytesTransferredBy(SEEDER)).isEqualTo(meteredToSeeder);
    }
  }

  @Test
  void theReopenedWorldGoesOnWhereItStopped() {
    try (SimulatedAzure azure = open()) {
      new ScenarioSeeder(azure).seed(SCENARIO);
    }
    try (SimulatedAzure reopened = open()) {
      int entries = reopened.metering().activityLog().size();
      reopened
          .compute()
          .powerOff(
              Caller.of("test"),
              ScenarioSeeder.resourceGroupName(SCENARIO.vm(), SCENARIO.sourceRegion()),
              SCENARIO.vm());

      assertThat(reopened.metering().activityLog())
          .hasSize(entries + 1)
          .last()
          .satisfies(entry -> assertThat(entry.sequence()).isEqualTo(entries + 1L));
    }
    try (SimulatedAzure again = open()) {
      assertThat(
              again
                  .compute()
                  .virtualMachine(
                      ScenarioSeeder.resourceGroupName(SCENARIO.vm(), SCENARIO.sourceRegion()),
                      SCENARIO.vm())
                  .orElseThrow()
                  .powerState())
          .isEqualTo(PowerState.Stopped);
    }
  }

  @Test
  void aDataDirOfAnotherBlockSizeIsRefused() {
    open().close();

    assertThatThrownBy(() -> SimulatedAzure.durable(dataDir, BLOCK_SIZE * 2))
        .hasMessageContaining("blocks of " + BLOCK_SIZE);
  }

  @Test
  void aKilledSimulatorLosesNoAcknowledgedWriteAndHalfAppliesNone() throws Exception {
    Process writer =
        new ProcessBuilder(
                Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                DurableWriter.class.getName(),
                dataDir.toString())
            .redirectErrorStream(true)
            .start();
    long lastAck = -1;
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        if (line.startsWith("ack ")) {
          lastAck = Long.parseLong(line.substring(4));
          if (lastAck == 150) {
            writer.destroyForcibly();
            break;
          }
        }
      }
    }
    assertThat(writer.waitFor(1, TimeUnit.MINUTES)).isTrue();
    assertThat(lastAck).as("the writer acknowledged writes before it was killed").isEqualTo(150);

    try (SimulatedAzure reopened =
        SimulatedAzure.durable(dataDir, DurableWriter.BLOCK_SIZE)
            .withRegion(DurableWriter.REGION)) {
      PageBlob blob = reopened.storage().blob(DurableWriter.BLOB).orElseThrow();
      List<BlockHash> written =
          reopened
              .storage()
              .blockHashes(
                  SimTestWorld.CALLER,
                  DurableWriter.BLOB,
                  0,
                  DurableWriter.BLOCKS,
                  DurableWriter.REGION)
              .entries();
      // Every acknowledged write is there; at most the writes in flight at the kill follow.
      assertThat(written.size()).isGreaterThanOrEqualTo(151);
      assertThat(blob.allocatedBytes()).isEqualTo((long) written.size() * DurableWriter.BLOCK_SIZE);
      for (int i = 0; i < written.size(); i++) {
        assertThat(written.get(i).index()).isEqualTo(i);
        assertThat(reopened.storage().readBlock(SimTestWorld.CALLER, DurableWriter.BLOB, i))
            .isEqualTo(DurableWriter.contentOf(i));
      }
      assertThat(reopened.metering().activityLog())
          .extracting(e -> e.sequence())
          .containsExactlyElementsOf(
              LongStream.rangeClosed(1, reopened.metering().activityLog().size()).boxed().toList());
    }
  }
}
