package dev.reprotect.worker.client;

import dev.reprotect.activities.replication.ReplicaAdded;
import dev.reprotect.workflows.ReplicationSearchAttributes;
import dev.reprotect.workflows.WorkflowIds;
import dev.reprotect.workflows.replication.ReplicationStatus;
import dev.reprotect.workflows.replication.ReplicationWorkflow;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.query.v1.WorkflowQuery;
import io.temporal.api.workflowservice.v1.QueryWorkflowRequest;
import io.temporal.api.workflowservice.v1.QueryWorkflowResponse;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowException;
import io.temporal.client.WorkflowUpdateException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The CLI's view of the replication workflows ({@code replication.<vault>.<vm>}) that reprotect
 * jobs start: every call goes to Temporal, never to the backend.
 */
public final class Replications {
  static final String NOT_FOUND = "ReplicationNotFound";
  static final String NOT_RUNNING = "ReplicationNotRunning";

  /** The query type of {@link ReplicationWorkflow#status}. */
  private static final String STATUS_QUERY = "status";

  private static final Duration QUERY_TIMEOUT = Duration.ofSeconds(10);

  private final WorkflowClient client;

  Replications(WorkflowClient client) {
    this.client = client;
  }

  /**
   * The replication of an item: through its query while it runs (a worker answers it; without one,
   * from what it published to its search attributes), from its result once it ended (no worker
   * needed).
   */
  public ReplicationView view(String vault, String vm) {
    String workflowId = WorkflowIds.replication(vault, vm);
    WorkflowExecutionStatus status = describe(workflowId);
    String name = WorkflowExecutions.name(status);
    switch (status) {
      case WORKFLOW_EXECUTION_STATUS_RUNNING -> {
        // The query's clock is the workflow's last task's; the RPO is the age of the point now.
        return query(workflowId)
            .map(
                replication ->
                    new ReplicationView(workflowId, name, replication.at(Instant.now()), null))
            .orElseGet(
                () ->
                    new ReplicationView(
                        workflowId,
                        name,
                        null,
                        PublishedReplication.at(lastRecoveryPointTime(workflowId), Instant.now()),
                        null));
      }
      case WORKFLOW_EXECUTION_STATUS_COMPLETED -> {
        return new ReplicationView(
            workflowId,
            name,
            client.newUntypedWorkflowStub(workflowId).getResult(ReplicationStatus.class),
            null);
      }
      default -> {
        try {
          client.newUntypedWorkflowStub(workflowId).getResult(ReplicationStatus.class);
          throw new IllegalStateException("a closed, unsuccessful workflow returned a result");
        } catch (WorkflowException e) {
          return new ReplicationView(
              workflowId, name, query(workflowId).orElse(null), JobFailures.describe(e));
        }
      }
    }
  }

  /**
   * Stops a running replication with the workflow's {@code stop} update: it ends at the cycle
   * boundary (a shipment in progress is cancelled). Returns it once it has ended.
   */
  public ReplicationView stop(String vault, String vm) {
    String workflowId = running(vault, vm, "there is nothing to stop");
    try {
      client.newWorkflowStub(ReplicationWorkflow.class, workflowId).stop();
    } catch (WorkflowUpdateException refused) {
      // The validator refuses a second stop, or a replication that ended meanwhile.
      throw new CommandFailure(NOT_RUNNING, JobFailures.describe(refused).message());
    }
    // The update returns once the cycles are over; the workflow completes right after it.
    return new ReplicationView(
        workflowId,
        WorkflowExecutions.name(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED),
        client.newUntypedWorkflowStub(workflowId).getResult(ReplicationStatus.class),
        null);
  }

  /** What {@code --add-disk} prints: the replication and the replica the disk now has. */
  public record DiskAdded(String workflowId, ReplicaAdded added) {}

  /**
   * Adds a disk to a running replication with the workflow's {@code addDisk} update: between two
   * cycles, at once if none runs. Returns once the replica holds the replicas' last cut.
   */
  public DiskAdded addDisk(String vault, String vm, String diskName) {
    String workflowId = running(vault, vm, "start it with --start, then add the disk");
    try {
      return new DiskAdded(
          workflowId,
          client.newWorkflowStub(ReplicationWorkflow.class, workflowId).addDisk(diskName));
    } catch (WorkflowUpdateException failed) {
      CliError error = JobFailures.describe(failed);
      // The validator's refusals carry no code of ours: the replication is ending, or busy.
      throw error.code().startsWith("java.")
          ? new CommandFailure(NOT_RUNNING, error.message())
          : new CommandFailure(error.code(), error.message());
    }
  }

  /** The id of the item's replication, which runs: else ReplicationNotRunning, {@code then}. */
  private String running(String vault, String vm, String then) {
    String workflowId = WorkflowIds.replication(vault, vm);
    WorkflowExecutionStatus status = describe(workflowId);
    if (status != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
      throw new CommandFailure(
          NOT_RUNNING,
          workflowId + " has ended (" + WorkflowExecutions.name(status) + "); " + then);
    }
    return workflowId;
  }

  private WorkflowExecutionStatus describe(String workflowId) {
    try {
      return WorkflowExecutions.describe(client, workflowId).getWorkflowExecutionInfo().getStatus();
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
        throw new CommandFailure(
            NOT_FOUND,
            "no replication workflow "
                + workflowId
                + " on this Temporal service: a reprotect of the item starts it");
      }
      throw e;
    }
  }

  /** The newest point's time the running workflow last published; null if it published none. */
  private Instant lastRecoveryPointTime(String workflowId) {
    OffsetDateTime published =
        client
            .newUntypedWorkflowStub(workflowId)
            .describe()
            .getTypedSearchAttributes()
            .get(ReplicationSearchAttributes.LAST_RECOVERY_POINT_TIME);
    return published == null ? null : published.toInstant();
  }

  /**
   * The status through the workflow's query; empty when no worker answers it within {@link
   * #QUERY_TIMEOUT}. One call with a deadline of its own: the SDK's query retries for a minute, and
   * a worker outage is when an operator asks.
   */
  private Optional<ReplicationStatus> query(String workflowId) {
    QueryWorkflowRequest request =
        QueryWorkflowRequest.newBuilder()
            .setNamespace(client.getOptions().getNamespace())
            .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId))
            .setQuery(WorkflowQuery.newBuilder().setQueryType(STATUS_QUERY))
            .build();
    try {
      QueryWorkflowResponse answer =
          client
              .getWorkflowServiceStubs()
              .blockingStub()
              .withDeadlineAfter(QUERY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
              .queryWorkflow(request);
      return Optional.of(
          client
              .getOptions()
              .getDataConverter()
              .fromPayloads(
                  0,
                  Optional.of(answer.getQueryResult()),
                  ReplicationStatus.class,
                  ReplicationStatus.class));
    } catch (StatusRuntimeException noWorker) {
      return Optional.empty();
    }
  }
}
