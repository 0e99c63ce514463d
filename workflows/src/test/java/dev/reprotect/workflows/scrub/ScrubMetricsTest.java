package dev.reprotect.workflows.scrub;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reprotect.activities.replication.ItemRef;
import dev.reprotect.azure.BlobRef;
import dev.reprotect.azure.Caller;
import dev.reprotect.azure.RecoveryPoint;
import dev.reprotect.workflows.TestMetrics;
import dev.reprotect.workflows.WorkflowIds;
import dev.reprotect.workflows.reprotect.ReprotectFixture;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Scrubs count by outcome, with the bytes they compared, as Prometheus scrapes a worker. */
class ScrubMetricsTest {
  @RegisterExtension static final TestMetrics METRICS = new TestMetrics();

  @RegisterExtension
  static final TestWorkflowExtension temporal =
      ReprotectFixture.temporalBuilder().setMetricsScope(METRICS.scope).build();

  @Test
  void eachScrubCountsByItsOutcomeAndAddsTheBytesItCompared(
      TestWorkflowEnvironment env, Worker worker) {
    try (ReprotectFixture fixture = new ReprotectFixture(ReprotectFixture.scenario().build())) {
      WorkflowClient client = fixture.protectedWithoutReplication(env, worker, fixture.azure);
      ItemRef item = new ItemRef(fixture.scenario.vault(), fixture.scenario.vm());

      ScrubResult passed = scrub(fixture, client, item);
      RecoveryPoint point =
          fixture.azure.recoveryServices().recoveryPoints(item.vault(), item.vm()).stream()
              .filter(scrubbed -> scrubbed.id().equals(passed.pointId()))
              .findFirst()
              .orElseThrow();
      BlobRef disk = point.disks().get(0);
      fixture.azure.damageAtRest(
          disk,
          fixture
              .azure
              .storage()
              .blockHashes(
                  Caller.of("test"), disk, 0, Long.MAX_VALUE, fixture.item().target().region())
              .entries()
              .get(0)
              .index());
      ScrubResult repaired = scrub(fixture, client, item);

      // The scope reports every 50 ms: the counts reach the registry soon after the scrubs end.
      assertThat(
              ReprotectFixture.await(
                  Duration.ofSeconds(30), () -> METRICS.sum("reprotect_scrubs_total") == 2))
          .as("both scrubs counted")
          .isTrue();
      assertThat(METRICS.sum("reprotect_scrubs_total", "outcome=\"Passed\"")).isEqualTo(1);
      assertThat(METRICS.sum("reprotect_scrubs_total", "outcome=\"Repaired\"")).isEqualTo(1);
      assertThat(METRICS.sum("reprotect_scrub_bytes_compared_total"))
          .isPositive()
          .isEqualTo((double) (passed.bytesCompared() + repaired.bytesCompared()));
    }
  }

  private static ScrubResult scrub(ReprotectFixture fixture, WorkflowClient client, ItemRef item) {
    return client
        .newWorkflowStub(
            ScrubWorkflow.class, fixture.jobOptions(WorkflowIds.scrub(item.vault(), item.vm())))
        .scrub(item);
  }
}
