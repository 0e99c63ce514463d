package dev.reprotect.workflows.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reprotect.activities.ReprotectRequest;
import dev.reprotect.activities.failover.FailoverPlan;
import dev.reprotect.activities.failover.FailoverRequest;
import dev.reprotect.activities.failover.PointSelector;
import dev.reprotect.activities.replication.ItemRef;
import dev.reprotect.azure.AzureErrorCode;
import dev.reprotect.azure.BlobRef;
import dev.reprotect.azure.BlobSnapshot;
import dev.reprotect.azure.Caller;
import dev.reprotect.azure.LineageSnapshots;
import dev.reprotect.azure.PowerState;
import dev.reprotect.azure.ProtectionState;
import dev.reprotect.azure.RecoveryPoint;
import dev.reprotect.azure.ReplicatedItem;
import dev.reprotect.azure.VirtualMachine;
import dev.reprotect.azure.VmDisk;
import dev.reprotect.azure.sim.Scenario;
import dev.reprotect.workflows.WorkflowIds;
import dev.reprotect.workflows.disable.DisableSummary;
import dev.reprotect.workflows.disable.DisableWorkflow;
import dev.reprotect.workflows.job.Job;
import dev.reprotect.workflows.replication.DiskBytes;
import dev.reprotect.workflows.replication.ReplicationCycle;
import dev.reprotect.workflows.replication.ReplicationState;
import dev.reprotect.workflows.replication.ReplicationWorkflow;
import dev.reprotect.workflows.reprotect.ProtectionSummary;
import dev.reprotect.workflows.reprotect.ReprotectFixture;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The seeded world reprotected (so Protected, replicating), with the failover's activities on the
 * test worker; what the failed-over VM's disks hold is read back from their bytes.
 */
final class FailoverFixture implements AutoCloseable {
  /** Cycles come every 5 minutes of workflow time: one awaited longer than this is lost. */
  private static final int MAX_MINUTES_PER_CYCLE = 15;

  /**
   * Real time: a failover of the test scenarios takes seconds, its activities' retries too; within
   * the tests' timeout, so that a stuck one reports the histories.
   */
  private static final Duration FAILOVER_BOUND = Duration.ofMinutes(2);

  final ReprotectFixture reprotect;
  private final TestWorkflowEnvironment env;

  FailoverFixture(TestWorkflowEnvironment env, Worker worker) {
    this(env, worker, ReprotectFixture.scenario().dataDisks(1).build());
  }

  FailoverFixture(TestWorkflowEnvironment env, Worker worker, Scenario scenario) {
    this.env = env;
    reprotect = new ReprotectFixture(scenario);
    reprotect.register(env, worker);
    env.start();
  }

  String vault() {
    return reprotect.scenario.vault();
  }

  String vm() {
    return reprotect.scenario.vm();
  }

  /** A reprotect of the item, to its end: after the seeded failover, or after a commit. */
  ProtectionSummary protect() {
    return protect(reprotect.request());
  }

  ProtectionSummary protect(ReprotectRequest request) {
    return reprotect.newWorkflow(env.getWorkflowClient()).reprotect(request);
  }

  WorkflowClient client() {
    return env.getWorkflowClient();
  }

  /** The VM the failover left behind, on the item's target side now. */
  VirtualMachine staleVm() {
    return reprotect
        .azure
        .compute()
        .virtualMachine(item().target().resourceGroup(), vm())
        .orElseThrow();
  }

  /** Disables the item, to the end of its job. */
  DisableSummary disable() {
    String workflowId = WorkflowIds.disable(vault(), vm());
    DisableWorkflow disable =
        env.getWorkflowClient()
            .newWorkflowStub(DisableWorkflow.class, reprotect.jobOptions(workflowId));
    return ReprotectFixture.runPolled(
        env,
        workflowId,
        Duration.ofMinutes(3),
        () -> WorkflowClient.start(disable::disable, new ItemRef(vault(), vm())),
        DisableSummary.class);
  }

  /** The snapshots of the lineage container of {@code account}: bases of either side. */
  List<BlobRef> lineageSnapshotsIn(String account) {
    return reprotect.azure.storage().snapshots(account, LineageSnapshots.CONTAINER, "").stream()
        .map(BlobSnapshot::ref)
        .toList();
  }

  /** The guest of the stale VM writes one block, the VM started first if it is off. */
  void writeOnStaleVm(String slot, long block, byte[] data) {
    VirtualMachine stale = staleVm();
    if (stale.powerState() != PowerState.Running) {
      reprotect.azure.compute().start(Caller.of("fixture"), stale.resourceGroup(), vm());
    }
    reprotect.azure.workload().write(stale.resourceGroup(), vm(), slot, block, data);
  }

  /**
   * Runs a failover to its end without letting the test server skip time meanwhile, once the
   * replication it stops is idle.
   */
  FailoverSummary run(FailoverRequest request) {
    String workflowId = WorkflowIds.failover(vault(), vm(), request.operation());
    FailoverWorkflow failover =
        env.getWorkflowClient()
            .newWorkflowStub(FailoverWorkflow.class, reprotect.jobOptions(workflowId));
    ReprotectFixture.awaitReplicationIdle(env, vault(), vm());
    return ReprotectFixture.runPolled(
        env,
        workflowId,
        FAILOVER_BOUND,
        () -> WorkflowClient.start(failover::failover, request),
        FailoverSummary.class);
  }

  /**
   * A failover to the latest processed point whose disks cannot be made (every copy from the point
   * fails): the job fails before its VM exists, and returns the item to Protected.
   */
  void failOverWithoutDisks() {
    int copies = reprotect.azure.faults().callCount("copyBlob");
    reprotect
        .azure
        .faults()
        .failCalls("copyBlob", copies + 1, 100, AzureErrorCode.ResourceNotFound);

    assertThatThrownBy(
            () ->
                run(FailoverRequest.failover(vault(), vm(), PointSelector.LATEST_PROCESSED, false)))
        .isInstanceOf(WorkflowFailedException.class);

    assertThat(item().state()).isEqualTo(ProtectionState.Protected);
  }

  /**
   * A failover to the latest processed point whose VM is made but does not boot: the job fails once
   * its VM exists, and leaves the item FailoverFailed.
   */
  void failOverWithoutBooting() {
    int starts = reprotect.azure.faults().callCount("start");
    reprotect.azure.faults().failCalls("start", starts + 1, 1, AzureErrorCode.ResourceNotFound);

    assertThatThrownBy(
            () ->
                run(FailoverRequest.failover(vault(), vm(), PointSelector.LATEST_PROCESSED, false)))
        .isInstanceOf(WorkflowFailedException.class);

    assertThat(item().state()).isEqualTo(ProtectionState.FailoverFailed);
  }

  Job<FailoverStep, FailoverPlan> job() {
    return env.getWorkflowClient()
        .newWorkflowStub(FailoverWorkflow.class, WorkflowIds.failover(vault(), vm()))
        .job();
  }

  /** The job of the item's last drill or cleanup. */
  Job<FailoverStep, FailoverPlan> testFailoverJob() {
    return env.getWorkflowClient()
        .newWorkflowStub(FailoverWorkflow.class, WorkflowIds.testFailover(vault(), vm()))
        .job();
  }

  /**
   * The item protected, its replication stopped: a cycle running later would change the backend's
   * state under a comparison.
   */
  void protectWithoutCycles() {
    protect();
    stopReplication();
  }

  /** The cycles the replication has run, through its query. */
  long cyclesRun() {
    return replication().status().cyclesRun();
  }

  /** The state of the item's replication, through its latest run's query. */
  ReplicationState replicationState() {
    return replication().status().state();
  }

  /** Stops the replication, for a comparison that its cycles would disturb. */
  void stopReplication() {
    ReprotectFixture.stopReplication(env, vault(), vm());
  }

  private ReplicationWorkflow replication() {
    return env.getWorkflowClient()
        .newWorkflowStub(ReplicationWorkflow.class, WorkflowIds.replication(vault(), vm()));
  }

  /** Lets workflow time pass until replication cycle {@code number} has succeeded. */
  void awaitCycle(long number) {
    ReplicationWorkflow replication = replication();
    for (int minutes = 0; minutes <= MAX_MINUTES_PER_CYCLE; minutes++) {
      Optional<ReplicationCycle> ended =
          replication.status().recentCycles().stream()
              .filter(cycle -> cycle.number() == number && cycle.succeeded())
              .findFirst();
      if (ended.isPresent()) {
        return;
      }
      env.sleep(Duration.ofMinutes(1));
    }
    throw new AssertionError("cycle " + number + " did not succeed: " + replication.status());
  }

  /**
   * Whether the item's claim is released within {@code timeout}, polled from a thread of the
   * backend's (an injected fault's), where the workflow cannot be awaited.
   */
  boolean awaitRelease(Duration timeout) {
    return ReprotectFixture.await(timeout, () -> item().runningOperation() == null);
  }

  ReplicatedItem item() {
    return reprotect.item();
  }

  List<RecoveryPoint> points() {
    return reprotect.azure.recoveryServices().recoveryPoints(vault(), vm());
  }

  RecoveryPoint point(String id) {
    return points().stream().filter(point -> point.id().equals(id)).findFirst().orElseThrow();
  }

  /** The VM where the item is active now. */
  VirtualMachine activeVm() {
    return reprotect
        .azure
        .compute()
        .virtualMachine(item().source().resourceGroup(), vm())
        .orElseThrow();
  }

  /** The active VM's disks, each hashed from the bytes read back, by slot. */
  Map<String, String> activeDiskChecksums() {
    Map<String, String> checksums = new TreeMap<>();
    for (VmDisk disk : activeVm().disks()) {
      checksums.put(disk.slot(), DiskBytes.checksum(reprotect.azure.storage(), disk.vhd()));
    }
    return checksums;
  }

  BlobRef activeDisk(String slot) {
    return activeVm().disks().stream()
        .filter(disk -> disk.slot().equals(slot))
        .findFirst()
        .map(VmDisk::vhd)
        .orElseThrow();
  }

  /** The guest of the active VM writes one block. */
  void write(String slot, long block, byte[] data) {
    reprotect.azure.workload().write(item().source().resourceGroup(), vm(), slot, block, data);
  }

  @Override
  public void close() {
    reprotect.close();
  }
}
