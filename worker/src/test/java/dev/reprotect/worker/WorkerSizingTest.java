package dev.reprotect.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reprotect.activities.ReprotectRequest;
import dev.reprotect.azure.sim.Scenario;
import dev.reprotect.azure.sim.SimulatedAzure;
import dev.reprotect.workflows.ReprotectSearchAttributes;
import dev.reprotect.workflows.SearchAttributeDefinitions;
import dev.reprotect.workflows.TaskQueues;
import dev.reprotect.workflows.WorkflowIds;
import dev.reprotect.workflows.plan.PlanReviewWorkflow;
import dev.reprotect.workflows.reprotect.ProtectionSummary;
import dev.reprotect.workflows.reprotect.ReprotectWorkflow;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.SearchAttributes;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.WorkerFactory;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class WorkerSizingTest {
  private static final int BLOCK_SIZE = 64 * 1024;

  /**
   * One sync slot, one step slot, a job of two disks: while its syncs hold the sync slot (one runs,
   * held, the other waits in the sync queue), a short step of another workflow still runs. Were the
   * syncs on the job's queue, the held sync would take the only step slot.
   */
  @Test
  void shortStepsRunWhileTheSyncsHoldTheirSlots() throws Exception {
    Scenario scenario = Scenario.builder().diskSizeBytes(8L << 20).dataDisks(1).build();
    ReprotectRequest request = ReprotectRequest.of(scenario.vault(), scenario.vm());
    CountDownLatch syncHolding = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    try (SimulatedAzure azure = SimulatedAzure.seeded(scenario, BLOCK_SIZE);
        TestWorkflowEnvironment env =
            TestWorkflowEnvironment.newInstance(
                TestEnvironmentOptions.newBuilder().setUseTimeskipping(false).build())) {
      SearchAttributeDefinitions.all().forEach(env::registerSearchAttribute);
      azure
          .faults()
          .onCall(
              "transferBlocks",
              1,
              () -> {
                syncHolding.countDown();
                awaitUninterruptibly(release);
              });
      WorkerRegistration.registerAll(
          env.getWorkerFactory(),
          TaskQueues.REPROTECT,
          new ReprotectModule(azure, 16),
          new WorkerSizing(1, 1, 1));
      env.start();
      WorkflowClient client = env.getWorkflowClient();
      ReprotectWorkflow job =
          client.newWorkflowStub(
              ReprotectWorkflow.class,
              WorkflowOptions.newBuilder()
                  .setWorkflowId(WorkflowIds.reprotect(scenario.vault(), scenario.vm()))
                  .setTaskQueue(TaskQueues.REPROTECT)
                  .setTypedSearchAttributes(
                      SearchAttributes.newBuilder()
                          .set(ReprotectSearchAttributes.VM_NAME, scenario.vm())
                          .set(ReprotectSearchAttributes.VAULT, scenario.vault())
                          .build())
                  .build());
      CompletableFuture<ProtectionSummary> reprotected =
          WorkflowClient.execute(job::reprotect, request);
      assertThat(syncHolding.await(2, TimeUnit.MINUTES)).as("a sync holds its slot").isTrue();

      // The review's planning activity, a short step: it runs, and refuses, the item being
      // busy with the job.
      PlanReviewWorkflow review =
          client.newWorkflowStub(
              PlanReviewWorkflow.class,
              WorkflowOptions.newBuilder()
                  .setWorkflowId(WorkflowIds.planReview(scenario.vault(), scenario.vm(), "sizing"))
                  .setTaskQueue(TaskQueues.REPROTECT)
                  .build());
      CompletableFuture<?> reviewed = WorkflowClient.execute(review::review, request);
      assertThatThrownBy(() -> reviewed.get(1, TimeUnit.MINUTES))
          .isInstanceOf(ExecutionException.class)
          .rootCause()
          .isInstanceOfSatisfying(
              ApplicationFailure.class,
              refusal -> assertThat(refusal.getType()).isEqualTo("OperationInProgress"));

      release.countDown();
      assertThat(reprotected.get(2, TimeUnit.MINUTES).state()).isEqualTo("Protected");
    } finally {
      release.countDown();
    }
  }

  /** Each task queue is polled with its own slot count, the shipments' included. */
  @Test
  void eachTaskQueueRunsAsManyActivitiesAtOnceAsItsSlotCount() {
    try (SimulatedAzure azure = SimulatedAzure.seeded(Scenario.builder().build(), BLOCK_SIZE);
        TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
      WorkerFactory factory = env.getWorkerFactory();
      WorkerRegistration.registerAll(
          factory, TaskQueues.REPROTECT, new ReprotectModule(azure, 16), new WorkerSizing(3, 5, 7));

      assertThat(
              Stream.of(
                      TaskQueues.REPROTECT,
                      TaskQueues.syncQueueOf(TaskQueues.REPROTECT),
                      TaskQueues.shipmentQueueOf(TaskQueues.REPROTECT))
                  .map(
                      queue ->
                          factory
                              .getWorker(queue)
                              .getWorkerOptions()
                              .getMaxConcurrentActivityExecutionSize()))
          .containsExactly(3, 5, 7);
    }
  }

  private static void awaitUninterruptibly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
