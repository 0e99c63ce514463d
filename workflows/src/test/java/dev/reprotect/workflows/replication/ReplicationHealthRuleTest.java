package dev.reprotect.workflows.replication;

import static dev.reprotect.workflows.replication.ReplicationHealth.Critical;
import static dev.reprotect.workflows.replication.ReplicationHealth.Healthy;
import static dev.reprotect.workflows.replication.ReplicationHealth.Warning;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ReplicationHealthRuleTest {
  @Test
  void aFreshPointAfterASuccessfulCycleIsHealthy() {
    assertThat(ReplicationHealthRule.health(Duration.ofMinutes(15), false, false))
        .isEqualTo(Healthy);
  }

  @Test
  void anRpoBeyondFifteenMinutesOrAFailedCycleIsAWarning() {
    assertThat(ReplicationHealthRule.health(Duration.ofMinutes(15).plusSeconds(1), false, false))
        .isEqualTo(Warning);
    assertThat(ReplicationHealthRule.health(Duration.ofMinutes(1), true, false)).isEqualTo(Warning);
  }

  @Test
  void sixtyMinutesWithoutAPointOrNoPointAtAllIsCritical() {
    assertThat(ReplicationHealthRule.health(Duration.ofMinutes(59).plusSeconds(59), true, false))
        .isEqualTo(Warning);
    assertThat(ReplicationHealthRule.health(Duration.ofMinutes(60), false, false))
        .isEqualTo(Critical);
    assertThat(ReplicationHealthRule.health(null, false, false)).isEqualTo(Critical);
  }

  @Test
  void aReplicaTheLastScrubFoundDifferentIsCriticalHoweverFreshItsPoints() {
    assertThat(ReplicationHealthRule.health(Duration.ZERO, false, true)).isEqualTo(Critical);
  }
}
