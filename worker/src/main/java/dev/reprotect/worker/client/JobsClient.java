package dev.reprotect.worker.client;

import dev.reprotect.activities.ProtectionPlan;
import dev.reprotect.activities.ReprotectRequest;
import dev.reprotect.activities.SyncProgress;
import dev.reprotect.activities.enable.EnableRequest;
import dev.reprotect.activities.item.StaleClaim;
import dev.reprotect.activities.replication.ItemRef;
import dev.reprotect.azure.RecoveryPoint;
import dev.reprotect.azure.RunningOperation;
import dev.reprotect.workflows.ReprotectSearchAttributes;
import dev.reprotect.workflows.TaskQueues;
import dev.reprotect.workflows.WorkflowIds;
import dev.reprotect.workflows.enable.EnableReplicationWorkflow;
import dev.reprotect.workflows.job.Job;
import dev.reprotect.workflows.plan.PlanReviewWorkflow;
import dev.reprotect.workflows.reconcile.ReconcileResult;
import dev.reprotect.workflows.reconcile.ReconcileWorkflow;
import dev.reprotect.workflows.release.ClaimReviewWorkflow;
import dev.reprotect.workflows.release.ReleaseClaimWorkflow;
import dev.reprotect.workflows.replication.RecoveryPointsReviewWorkflow;
import dev.reprotect.workflows.reprotect.ProtectionStep;
import dev.reprotect.workflows.reprotect.ProtectionSummary;
import dev.reprotect.workflows.reprotect.ReprotectWorkflow;
import dev.reprotect.workflows.resume.ReplicationResumed;
import dev.reprotect.workflows.resume.ResumeReplicationWorkflow;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflow.v1.PendingActivityInfo;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowException;
import io.temporal.client.WorkflowExecutionMetadata;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.SearchAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The CLI's view of reprotect jobs: every call goes to Temporal, never to the backend. */
public final class JobsClient {
  public static final String SYNC_ACTIVITY_TYPE = "SyncDisk";

  private final WorkflowClient client;

  public JobsClient(WorkflowClient client) {
    this.client = client;
  }

  /** Starts the job of one item; its workflow id is its business key. */
  public String start(ReprotectRequest request) {
    ReprotectWorkflow workflow =
        client.newWorkflowStub(
            ReprotectWorkflow.class,
            jobOptions(
                WorkflowIds.reprotect(request.vault(), request.vm()),
                request.vault(),
                request.vm(),
                "Reprotect " + request.vm() + " of vault " + request.vault()));
    return WorkflowClient.start(workflow::reprotect, request).getWorkflowId();
  }

  /**
   * The options of a job on an item: the workers' task queue, and the item's search attributes by
   * which `list` finds the job.
   */
  static WorkflowOptions jobOptions(String workflowId, String vault, String vm, String summary) {
    return WorkflowOptions.newBuilder()
        .setWorkflowId(workflowId)
        .setTaskQueue(TaskQueues.REPROTECT)
        .setStaticSummary(summary)
        .setTypedSearchAttributes(
            SearchAttributes.newBuilder()
                .set(ReprotectSearchAttributes.VM_NAME, vm)
                .set(ReprotectSearchAttributes.VAULT, vault)
                .build())
        .build();
  }

  /**
   * Starts the first protection of one item; its job reads as a reprotect's (the same query), so
   * {@link #status} and {@link #await} serve it too.
   */
  public String enable(EnableRequest request) {
    EnableReplicationWorkflow workflow =
        client.newWorkflowStub(
            EnableReplicationWorkflow.class,
            jobOptions(
                WorkflowIds.enable(request.vault(), request.vm()),
                request.vault(),
                request.vm(),
                "Enable replication of " + request.vm() + " in vault " + request.vault()));
    return WorkflowClient.start(workflow::enable, request).getWorkflowId();
  }

  /** Waits for the job's end; a failed job throws what the workflow failed with. */
  public ProtectionSummary await(String workflowId) {
    return client.newUntypedWorkflowStub(workflowId).getResult(ProtectionSummary.class);
  }

  /** Runs the review: a short workflow whose activity plans on a worker. */
  public ProtectionPlan plan(ReprotectRequest request) {
    return shortWorkflow(
            PlanReviewWorkflow.class,
            WorkflowIds.planReview(request.vault(), request.vm(), nonce()))
        .review(request);
  }

  /** The claim on an item, read by a short workflow; ItemNotClaimed when there is none. */
  public RunningOperation claimOf(String vault, String vm) {
    return shortWorkflow(ClaimReviewWorkflow.class, WorkflowIds.claimReview(vault, vm, nonce()))
        .review(new ItemRef(vault, vm));
  }

  /** The item's recovery points as its vault holds them, read by a short workflow. */
  public List<RecoveryPoint> recoveryPoints(String vault, String vm) {
    return shortWorkflow(
            RecoveryPointsReviewWorkflow.class,
            WorkflowIds.recoveryPointsReview(vault, vm, nonce()))
        .review(new ItemRef(vault, vm));
  }

  /**
   * The status of the workflow run that made {@code claim}, such as RUNNING or TERMINATED; empty
   * when the server knows no such run (never started, or its history is gone).
   */
  public Optional<WorkflowExecutionStatus> runStatus(RunningOperation claim) {
    WorkflowExecution.Builder run = WorkflowExecution.newBuilder().setWorkflowId(claim.id());
    if (claim.runId() != null) {
      run.setRunId(claim.runId());
    }
    try {
      return Optional.of(
          WorkflowExecutions.describe(client, run.build()).getWorkflowExecutionInfo().getStatus());
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /**
   * Restarts the replication of a Protected item from the vault's record, through its short
   * workflow: ItemNotFound, NotProtected or ReplicationRunning when it cannot.
   */
  public ReplicationResumed resumeReplication(String vault, String vm) {
    return shortWorkflow(ResumeReplicationWorkflow.class, WorkflowIds.resume(vault, vm))
        .resume(new ItemRef(vault, vm));
  }

  /** One pass of the reconciler, one at a time in the namespace. */
  public ReconcileResult reconcile() {
    return shortWorkflow(ReconcileWorkflow.class, WorkflowIds.reconcile()).reconcile();
  }

  /** Clears a stale claim through its short workflow, one at a time per item. */
  public void releaseStaleClaim(StaleClaim stale) {
    shortWorkflow(ReleaseClaimWorkflow.class, WorkflowIds.release(stale.vault(), stale.vm()))
        .release(stale);
  }

  /** A stub of a workflow that runs one activity on a worker for a command waiting for it. */
  private <T> T shortWorkflow(Class<T> type, String workflowId) {
    return client.newWorkflowStub(
        type,
        WorkflowOptions.newBuilder()
            .setWorkflowId(workflowId)
            .setTaskQueue(TaskQueues.REPROTECT)
            .setWorkflowExecutionTimeout(Duration.ofMinutes(5))
            .build());
  }

  private static String nonce() {
    return UUID.randomUUID().toString().substring(0, 8);
  }

  /** The jobs a visibility query finds, newest first; needs a server with a visibility store. */
  public List<WorkflowExecutionMetadata> list(String query, int limit) {
    return client.listExecutions(query).limit(limit).toList();
  }

  /** The replication workflows the jobs start, through the same client. */
  public Replications replications() {
    return new Replications(client);
  }

  /** The scrubs of the items' replicas, through the same client. */
  public Scrubs scrubs() {
    return new Scrubs(client);
  }

  /** The disable jobs, through the same client. */
  public DisableJobs disables() {
    return new DisableJobs(client);
  }

  /** The failover jobs, through the same client. */
  public FailoverJobs failovers() {
    return new FailoverJobs(client);
  }

  public void cancel(String workflowId) {
    client.newUntypedWorkflowStub(workflowId).cancel();
  }

  public JobStatus status(String workflowId) {
    DescribeWorkflowExecutionResponse described = describe(workflowId);
    WorkflowExecutionStatus status = described.getWorkflowExecutionInfo().getStatus();
    String name = WorkflowExecutions.name(status);
    WorkflowStub stub = client.newUntypedWorkflowStub(workflowId);
    switch (status) {
      case WORKFLOW_EXECUTION_STATUS_RUNNING -> {
        return new JobStatus(
            workflowId, name, query(workflowId).orElse(null), null, null, syncProgress(described));
      }
      case WORKFLOW_EXECUTION_STATUS_COMPLETED -> {
        return new JobStatus(
            workflowId, name, null, stub.getResult(ProtectionSummary.class), null, List.of());
      }
      default -> {
        try {
          stub.getResult(ProtectionSummary.class);
          throw new IllegalStateException("a closed, unsuccessful workflow returned a result");
        } catch (WorkflowException e) {
          return new JobStatus(
              workflowId,
              name,
              WorkflowExecutions.jobOfFailure(e, ProtectionStep.class, ProtectionPlan.class)
                  .or(() -> query(workflowId))
                  .orElse(null),
              null,
              JobFailures.describe(e),
              List.of());
        }
      }
    }
  }

  /** The job through the workflow's query; empty when no worker answers it. */
  public Optional<Job<ProtectionStep, ProtectionPlan>> query(String workflowId) {
    try {
      return Optional.of(client.newWorkflowStub(ReprotectWorkflow.class, workflowId).job());
    } catch (RuntimeException noWorker) {
      return Optional.empty();
    }
  }

  /** The heartbeats of the disks being synced now. */
  public List<DiskProgress> syncProgress(String workflowId) {
    return syncProgress(describe(workflowId));
  }

  private List<DiskProgress> syncProgress(DescribeWorkflowExecutionResponse described) {
    List<DiskProgress> progress = new ArrayList<>();
    for (PendingActivityInfo activity : described.getPendingActivitiesList()) {
      if (activity.getActivityType().getName().equals(SYNC_ACTIVITY_TYPE)
          && activity.hasHeartbeatDetails()) {
        // The client's converter: a codec (encryption, compression) the worker encodes with.
        SyncProgress details =
            client
                .getOptions()
                .getDataConverter()
                .fromPayloads(
                    0,
                    Optional.of(activity.getHeartbeatDetails()),
                    SyncProgress.class,
                    SyncProgress.class);
        progress.add(new DiskProgress(activity.getActivityId(), activity.getAttempt(), details));
      }
    }
    return progress;
  }

  private DescribeWorkflowExecutionResponse describe(String workflowId) {
    return WorkflowExecutions.describe(client, workflowId);
  }
}
