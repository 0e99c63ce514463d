package dev.reprotect.workflows.replication;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reprotect.azure.RecoveryPointType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplicationStatusTest {
  private static final Instant POINT = Instant.parse("2030-01-01T00:10:00Z");

  /** What a query answered at 00:12, read by the CLI at 01:20 while the workflow stood still. */
  @Test
  void theRpoAndHealthOfAStatusFollowTheReadersClock() {
    ReplicationStatus queried =
        new ReplicationStatus(
                "contoso",
                "web-01",
                ReplicationState.Running,
                null,
                null,
                null,
                List.of(),
                List.of(
                    new RecoveryPointInfo(
                        "web-01.p1",
                        POINT.minus(Duration.ofMinutes(5)),
                        RecoveryPointType.CrashConsistent,
                        "web-01.c1"),
                    new RecoveryPointInfo(
                        "web-01.p2", POINT, RecoveryPointType.CrashConsistent, "web-01.c2")),
                null,
                3,
                null)
            .at(POINT.plus(Duration.ofMinutes(2)));
    assertThat(queried.rpoSeconds()).isEqualTo(120);
    assertThat(queried.health()).isEqualTo(ReplicationHealth.Healthy);

    ReplicationStatus later = queried.at(POINT.plus(Duration.ofMinutes(70)));

    assertThat(later.rpoSeconds()).isEqualTo(Duration.ofMinutes(70).toSeconds());
    assertThat(later.health()).isEqualTo(ReplicationHealth.Critical);
    assertThat(queried.at(POINT.minusMillis(900)).rpoSeconds()).as("never negative").isZero();
  }
}
