package dev.reprotect.workflows.replication;

import static dev.reprotect.workflows.replication.ReplicationHealth.Critical;
import static dev.reprotect.workflows.replication.ReplicationHealth.Healthy;
import static dev.reprotect.workflows.replication.ReplicationHealth.Warning;
import static org.assertj.core.api.Assertions.assertThat;

import dev.reprotect.azure.ScrubOutcome;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ReplicationHealthRuleTest {
  @Test
  void aFreshPointAfterASuccessfulCycleIsHealthy() {
    assertThat(ReplicationHealthRule.health(Duration.ofMinutes(15), false, null))
        .isEqualTo(Healthy);
  }

  @Test
  void anRpoBeyondFifteenMinutesOrAFailedCycleIsAWarning() {
    assertThat(ReplicationHealthRule.health(Duration.ofMinutes(15).plusSeconds(1), false, null))
        .isEqualTo(Warning);
    assertThat(ReplicationHealthRule.health(Duration.ofMinutes(1), true, null)).isEqualTo(Warning);
  }

  @Test
  void sixtyMinutesWithoutAPointOrNoPointAtAllIsCritical() {
    assertThat(ReplicationHealthRule.health(Duration.ofMinutes(59).plusSeconds(59), true, null))
        .isEqualTo(Warning);
    assertThat(ReplicationHealthRule.health(Duration.ofMinutes(60), false, null))
        .isEqualTo(Critical);
    assertThat(ReplicationHealthRule.health(null, false, null)).isEqualTo(Critical);
  }

  @Test
  void aReplicaTheLastScrubFoundDifferentIsCriticalHoweverFreshItsPoints() {
    assertThat(ReplicationHealthRule.health(Duration.ZERO, false, ScrubOutcome.ReplicaMismatch))
        .isEqualTo(Critical);
  }

  @Test
  void aScrubThatCouldNotFinishIsAWarningAndOnePassedOrRepairedChangesNothing() {
    assertThat(ReplicationHealthRule.health(Duration.ZERO, false, ScrubOutcome.Failed))
        .isEqualTo(Warning);
    assertThat(ReplicationHealthRule.health(Duration.ZERO, false, ScrubOutcome.Passed))
        .isEqualTo(Healthy);
    assertThat(ReplicationHealthRule.health(Duration.ZERO, false, ScrubOutcome.Repaired))
        .isEqualTo(Healthy);
  }
}
