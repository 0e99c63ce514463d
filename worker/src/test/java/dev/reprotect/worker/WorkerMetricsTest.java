package dev.reprotect.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reprotect.activities.ReprotectRequest;
import dev.reprotect.azure.CallerCosts;
import dev.reprotect.azure.sim.Scenario;
import dev.reprotect.azure.sim.SimulatedAzure;
import dev.reprotect.worker.client.JobsClient;
import dev.reprotect.workflows.SearchAttributeDefinitions;
import dev.reprotect.workflows.TaskQueues;
import dev.reprotect.workflows.job.JobStep;
import dev.reprotect.workflows.job.StepState;
import dev.reprotect.workflows.reprotect.ProtectionStep;
import dev.reprotect.workflows.reprotect.ProtectionSummary;
import dev.reprotect.workflows.reprotect.ReprotectWorkflow;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkerMetricsTest {
  private static final int BLOCK_SIZE = 64 * 1024;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @Test
  void afterAReprotectTheEndpointServesTheSdksAndTheEnginesMetrics() {
    Scenario scenario = Scenario.builder().diskSizeBytes(8L << 20).dataDisks(1).build();
    try (MetricsEndpoint metrics = MetricsEndpoint.start(0);
        SimulatedAzure azure = SimulatedAzure.seeded(scenario, BLOCK_SIZE);
        TestWorkflowEnvironment env =
            TestWorkflowEnvironment.newInstance(
                TestEnvironmentOptions.newBuilder()
                    .setUseTimeskipping(false)
                    .setMetricsScope(metrics.scope())
                    .build())) {
      SearchAttributeDefinitions.all().forEach(env::registerSearchAttribute);
      WorkerRegistration.registerAll(
          env.getWorkerFactory(),
          TaskQueues.REPROTECT,
          new ReprotectModule(azure, 16),
          WorkerSizing.defaults());
      env.start();
      JobsClient jobs = new JobsClient(env.getWorkflowClient());
      String workflowId = jobs.start(ReprotectRequest.of(scenario.vault(), scenario.vm()));
      ProtectionSummary summary = jobs.await(workflowId);
      List<JobStep<ProtectionStep>> ranSteps =
          env
              .getWorkflowClient()
              .newWorkflowStub(ReprotectWorkflow.class, workflowId)
              .job()
              .steps()
              .stream()
              .filter(step -> step.state() == StepState.Succeeded)
              .toList();

      String url = "http://127.0.0.1:" + metrics.port() + MetricsEndpoint.PATH;
      // Reported each second: the job's end, and last the SDK's count of its completion.
      Await.until(
          "the job's end is reported",
          () -> {
            String reported = scrape(url);
            return value(
                        reported,
                        "reprotect_jobs_total",
                        "job_type=\"Reprotect\"",
                        "outcome=\"Succeeded\"")
                    == 1
                && value(
                        reported,
                        "temporal_workflow_completed_total",
                        "workflow_type=\"ReprotectWorkflow\"")
                    == 1;
          });
      String scraped = scrape(url);
      assertThat(value(scraped, "reprotect_bytes_sent_across_regions_total", "type=\"Reprotect\""))
          .isEqualTo(summary.bytesSentAcrossRegions())
          .isPositive();
      // Each side's meters, as the summary has them, labelled by side and region only.
      CallerCosts meters = summary.meters();
      String job = "job_type=\"Reprotect\"";
      assertThat(
              value(
                  scraped,
                  "reprotect_backend_bytes_read_total",
                  job,
                  "side=\"source\"",
                  "region=\"" + scenario.sourceRegion() + "\""))
          .isEqualTo(meters.bytesReadIn(scenario.sourceRegion()))
          .isPositive();
      assertThat(
              value(
                  scraped,
                  "reprotect_backend_bytes_written_total",
                  job,
                  "side=\"target\"",
                  "region=\"" + scenario.targetRegion() + "\""))
          .isEqualTo(meters.bytesWrittenIn(scenario.targetRegion()))
          .isPositive();
      assertThat(value(scraped, "reprotect_backend_bytes_hashed_total", job))
          .isEqualTo(meters.bytesHashed());
      assertThat(
              value(scraped, "reprotect_backend_calls_total", job, "operation=\"transferBlocks\""))
          .isEqualTo(meters.calls("transferBlocks"))
          .isPositive();
      assertThat(value(scraped, "reprotect_backend_modelled_seconds_count", job)).isEqualTo(1);
      assertThat(scraped.lines().filter(line -> line.startsWith("reprotect_backend_")))
          .noneMatch(line -> line.contains("vm=") || line.contains("blob="));
      assertThat(scraped.lines().filter(line -> line.startsWith("reprotect_")))
          .as("the engine's series carry none of the SDK's empty tags")
          .isNotEmpty()
          .noneMatch(line -> line.contains("=\"none\""));
      String firstStep = "step=\"" + ranSteps.get(0).step().name() + "\"";
      assertThat(
              scraped
                  .lines()
                  .filter(
                      line ->
                          line.startsWith("reprotect_step_duration_seconds_bucket{")
                              && line.contains(firstStep)))
          .as("a step's buckets, seconds to hours")
          .hasSizeBetween(10, 15);
      assertThat(ranSteps)
          .isNotEmpty()
          .allSatisfy(
              step ->
                  assertThat(
                          value(
                              scraped,
                              "reprotect_step_duration_seconds_count",
                              "step=\"" + step.step().name() + "\"",
                              "outcome=\"Succeeded\""))
                      .as("durations of step %s", step.step())
                      .isEqualTo(1));

      // The replication the job started publishes its item's RPO and health as it begins.
      String vault = "vault=\"" + scenario.vault() + "\"";
      String vm = "vm=\"" + scenario.vm() + "\"";
      Await.until(
          "the replication's health is reported",
          () ->
              value(scrape(url), "reprotect_replication_health", vault, vm, "health=\"Healthy\"")
                  == 1);
      String replicating = scrape(url);
      assertThat(
              value(replicating, "reprotect_replication_health", vault, vm, "health=\"Critical\""))
          .isZero();
      assertThat(
              replicating
                  .lines()
                  .filter(
                      line ->
                          line.startsWith("reprotect_replication_rpo_seconds{")
                              && line.contains(vault)
                              && line.contains(vm)))
          .singleElement()
          .satisfies(line -> assertThat(sampleOf(line)).isNotNegative());
    }
  }

  private static String scrape(String url) {
    try {
      HttpResponse<String> response =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(url)).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(200);
      return response.body();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The sum of the samples of {@code name} whose labels include every one of {@code labels}. */
  private static double value(String scraped, String name, String... labels) {
    return scraped
        .lines()
        .filter(line -> line.startsWith(name + "{"))
        .filter(line -> Arrays.stream(labels).allMatch(line::contains))
        .mapToDouble(WorkerMetricsTest::sampleOf)
        .sum();
  }

  private static double sampleOf(String line) {
    return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
  }
}
