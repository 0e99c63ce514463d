package dev.reprotect.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reprotect.azure.sim.Scenario;
import dev.reprotect.azure.sim.ScenarioSeeder;
import dev.reprotect.azure.sim.SimulatedAzure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The demo seeds its world through the backend outside Temporal: a throttled or failed call is
 * called again, as an activity would be, and the world ends seeded.
 */
class TransientRetriesTest {
  private static final int BLOCK_SIZE = 4096;
  private static final Scenario SCENARIO =
      Scenario.builder().diskSizeBytes(64 * BLOCK_SIZE).dataDisks(1).build();

  private final List<Duration> waits = new ArrayList<>();

  private static SimulatedAzure emptyWorld() {
    return SimulatedAzure.inTemporaryDirectory(BLOCK_SIZE)
        .withRegion(SCENARIO.sourceRegion())
        .withRegion(SCENARIO.targetRegion());
  }

  @Test
  void theSeedingRidesOutThrottlingAndACopyThatFailed() {
    try (SimulatedAzure azure = emptyWorld()) {
      azure
          .faults()
          .failCalls("createVirtualNetwork", 1, 2, AzureErrorCode.TooManyRequests)
          .failCalls("copyBlob", 1, 1, AzureErrorCode.InternalServerError);

      new ScenarioSeeder(TransientRetries.of(azure, waits::add)).seed(SCENARIO);

      assertThat(azure.faults().callCount("createVirtualNetwork"))
          .as("2 networks, 2 refused")
          .isEqualTo(4);
      assertThat(waits).hasSize(3);
      assertThat(azure.recoveryServices().replicatedItem(SCENARIO.vault(), SCENARIO.vm()))
          .isPresent();
      try (SimulatedAzure clean = emptyWorld()) {
        new ScenarioSeeder(clean).seed(SCENARIO);
        assertThat(azure.faults().callCount("copyBlob"))
            .as("the failed copy, then as many as a seeding without faults")
            .isEqualTo(clean.faults().callCount("copyBlob") + 1);
      }
    }
  }

  @Test
  void withoutTheRetriesTheSameFaultEndsTheSeeding() {
    try (SimulatedAzure azure = emptyWorld()) {
      azure.faults().failCalls("createVirtualNetwork", 1, 1, AzureErrorCode.TooManyRequests);

      assertThatThrownBy(() -> new ScenarioSeeder(azure).seed(SCENARIO))
          .isInstanceOfSatisfying(
              AzureException.class,
              thrown -> assertThat(thrown.code()).isEqualTo(AzureErrorCode.TooManyRequests));
    }
  }

  @Test
  void anErrorThatIsNotTransientIsThrownAtOnce() {
    try (SimulatedAzure azure = emptyWorld()) {
      azure.faults().failCalls("createVirtualNetwork", 1, 1, AzureErrorCode.Conflict);

      assertThatThrownBy(
              () -> new ScenarioSeeder(TransientRetries.of(azure, waits::add)).seed(SCENARIO))
          .isInstanceOfSatisfying(
              AzureException.class,
              thrown -> assertThat(thrown.code()).isEqualTo(AzureErrorCode.Conflict));
      assertThat(azure.faults().callCount("createVirtualNetwork")).isEqualTo(1);
      assertThat(waits).isEmpty();
    }
  }

  @Test
  void aCallThatKeepsFailingGivesUpAfterItsLastAttempt() {
    try (SimulatedAzure azure = emptyWorld()) {
      azure.faults().failCalls("createVirtualNetwork", 1, 1000, AzureErrorCode.TooManyRequests);

      assertThatThrownBy(
              () -> new ScenarioSeeder(TransientRetries.of(azure, waits::add)).seed(SCENARIO))
          .isInstanceOf(AzureException.class);
      assertThat(azure.faults().callCount("createVirtualNetwork")).isEqualTo(10);
      assertThat(waits).hasSize(9);
      assertThat(waits.get(8)).isEqualTo(Duration.ofSeconds(15));
    }
  }

  @Test
  void theWaitIsWhatTheBackendAskedForAndNoLessThanTheBackoff() {
    AzureException asked =
        new AzureException(
            AzureErrorCode.TooManyRequests, "throttled", null, Duration.ofSeconds(5));
    AzureException unasked = new AzureException(AzureErrorCode.TooManyRequests, "throttled");

    assertThat(TransientRetries.delayAfter(asked, 1)).isEqualTo(Duration.ofSeconds(5));
    assertThat(TransientRetries.delayAfter(unasked, 1)).isEqualTo(Duration.ofMillis(200));
    assertThat(TransientRetries.delayAfter(unasked, 4)).isEqualTo(Duration.ofMillis(1600));
    assertThat(TransientRetries.delayAfter(asked, 7)).isEqualTo(Duration.ofMillis(12800));
  }
}
