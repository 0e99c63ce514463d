package dev.reprotect.workflows.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reprotect.azure.AzureErrorCode;
import dev.reprotect.azure.ProtectionState;
import dev.reprotect.workflows.TestMetrics;
import dev.reprotect.workflows.reprotect.ReprotectFixture;
import io.temporal.client.WorkflowFailedException;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every job type counts in the same metrics, told apart by their {@code job_type} label: the alert
 * the README gives operators, {@code reprotect_jobs_total{outcome="Failed"}}, counts a failed
 * failover as it counts a failed reprotect. Read as Prometheus scrapes them from a worker, through
 * the same reporter and registry.
 */
class FailedJobsMetricTest {
  @RegisterExtension static final TestMetrics METRICS = new TestMetrics();

  @RegisterExtension
  static final TestWorkflowExtension temporal =
      ReprotectFixture.temporalBuilder().setMetricsScope(METRICS.scope).build();

  @Test
  void aFailedFailoverCountsInTheFailedJobsMetricAsAFailedReprotectDoes(
      TestWorkflowEnvironment env, Worker worker) {
    // One disk: a failed sync of two disks can hang the time-skipping server (see
    // FailureHandlingTest).
    try (FailoverFixture world =
        new FailoverFixture(env, worker, ReprotectFixture.scenario().dataDisks(0).build())) {
      world
          .reprotect
          .azure
          .faults()
          .failCalls("transferBlocks", 2, 1, AzureErrorCode.ResourceNotFound);
      assertThatThrownBy(world::protect).isInstanceOf(WorkflowFailedException.class);
      assertThat(world.item().state()).isEqualTo(ProtectionState.ReprotectFailed);
      world.protect();

      world.failOverWithoutDisks();

      // The scope reports every 50 ms: both ends reach the registry soon after the jobs end.
      assertThat(
              ReprotectFixture.await(
                  Duration.ofSeconds(30),
                  () -> sum("reprotect_jobs_total", "outcome=\"Failed\"") == 2))
          .as("the README's alert counts both failed jobs")
          .isTrue();
      assertThat(sum("reprotect_jobs_total", "job_type=\"Reprotect\"", "outcome=\"Failed\""))
          .isEqualTo(1);
      assertThat(sum("reprotect_jobs_total", "job_type=\"Failover\"", "outcome=\"Failed\""))
          .isEqualTo(1);
      assertThat(sum("reprotect_jobs_total", "job_type=\"Reprotect\"", "outcome=\"Succeeded\""))
          .isEqualTo(1);
      assertThat(
              sum(
                  "reprotect_step_duration_seconds_count",
                  "job_type=\"Failover\"",
                  "step=\"CreateDisks\"",
                  "outcome=\"Failed\""))
          .isEqualTo(1);
      assertThat(
              sum(
                  "reprotect_step_duration_seconds_count",
                  "job_type=\"Reprotect\"",
                  "step=\"InitialSync\"",
                  "outcome=\"Failed\""))
          .isEqualTo(1);
    }
  }

  private static double sum(String name, String... labels) {
    return METRICS.sum(name, labels);
  }
}
