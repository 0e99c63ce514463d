package dev.reprotect.worker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reprotect.azure.AzureBackend;
import dev.reprotect.azure.AzureException;
import dev.reprotect.workflows.reprotect.DiskSummary;
import dev.reprotect.workflows.reprotect.ProtectionSummary;
import io.temporal.client.WorkflowClient;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/** What a simulated Azure service recorded of a job, read through its API and admin endpoint. */
record AzureEvidence(AzureBackend azure) {
  /** The blocks a job has written into the replicas so far (0 while the service restarts). */
  long pageWrites(String workflowId) {
    try {
      return azure.metering().activityLog().stream()
          .filter(
              e ->
                  e.correlationId().startsWith(workflowId + "/")
                      && e.operation().endsWith("pages/write"))
          .count();
    } catch (AzureException restarting) {
      return 0;
    }
  }

  /**
   * Waits for the job's end through {@code client}: it must leave the item Protected with each
   * replica equal to its source (the storage's checksums, read from the bytes), no mutating
   * operation applied twice.
   */
  void assertJobProtectsWithEqualDisksAndNothingAppliedTwice(
      WorkflowClient client, String workflowId) throws TimeoutException {
    ProtectionSummary summary =
        client
            .newUntypedWorkflowStub(workflowId)
            .getResult(5, TimeUnit.MINUTES, ProtectionSummary.class);
    assertThat(summary.state()).as(workflowId).isEqualTo("Protected");
    assertThat(summary.disks())
        .as(workflowId)
        .isNotEmpty()
        .allSatisfy(
            (DiskSummary disk) ->
                assertThat(disk.targetChecksum()).as(disk.name()).isEqualTo(disk.sourceChecksum()));
    assertThat(operationsApplied(workflowId))
        .as(workflowId)
        .isNotEmpty()
        .allSatisfy((operation, count) -> assertThat(count).as(operation).isEqualTo(1));
  }

  /** How many times each mutating operation of a job was applied. */
  Map<String, Long> operationsApplied(String workflowId) {
    return azure.metering().activityLog().stream()
        .filter(entry -> entry.correlationId().startsWith(workflowId + "/"))
        .collect(
            Collectors.groupingBy(
                entry -> entry.operation() + " " + entry.resourceId(), Collectors.counting()));
  }
}
