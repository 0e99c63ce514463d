package dev.reprotect.workflows.replication;

import dev.reprotect.activities.ProtectionPlan;
import dev.reprotect.activities.replication.CycleShipment;
import dev.reprotect.activities.replication.ReplicationCycleActivities;
import dev.reprotect.activities.replication.ReplicationCycleActivitiesImpl;
import dev.reprotect.activities.replication.ShipCut;
import dev.reprotect.activities.replication.TakeCut;
import dev.reprotect.azure.BlobRef;
import dev.reprotect.azure.Caller;
import dev.reprotect.azure.Cuts;
import dev.reprotect.azure.RecoveryPoint;
import dev.reprotect.azure.ReplicaDisk;
import dev.reprotect.azure.StorageApi;
import dev.reprotect.azure.VmCut;
import dev.reprotect.azure.VmDisk;
import dev.reprotect.azure.sim.FaultInjector;
import dev.reprotect.azure.sim.Scenario;
import dev.reprotect.azure.sim.SimulatedAzure;
import dev.reprotect.workflows.ActivityPolicies;
import dev.reprotect.workflows.WorkflowIds;
import dev.reprotect.workflows.job.Job;
import dev.reprotect.workflows.reprotect.ProtectionStep;
import dev.reprotect.workflows.reprotect.ProtectionSummary;
import dev.reprotect.workflows.reprotect.ReprotectFixture;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.testing.TestActivityEnvironment;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * A reprotect and the replication it starts, end to end: the real activities over the in-process
 * simulator, cycles made by skipping time. Hooks and faults are set before {@link #reprotect}.
 */
final class EndToEnd implements AutoCloseable {
  static final Caller OPERATOR = Caller.of("end-to-end-test");

  /** Cycles come every 5 minutes of workflow time: one awaited longer than this is lost. */
  private static final int MAX_MINUTES_PER_CYCLE = 15;

  final ReprotectFixture fixture;
  final SimulatedAzure azure;
  final StorageApi storage;
  private final TestWorkflowEnvironment env;

  EndToEnd(Scenario scenario, TestWorkflowEnvironment env, Worker worker) {
    this.env = env;
    fixture = new ReprotectFixture(scenario);
    fixture.register(env, worker);
    azure = fixture.azure;
    storage = azure.storage();
  }

  int blockSize() {
    return storage.blockSize();
  }

  /** Starts the environment and runs the reprotect of the scenario's item to its end. */
  ProtectionSummary reprotect() {
    env.start();
    return fixture.newWorkflow(env.getWorkflowClient()).reprotect(fixture.request());
  }

  /** The reprotect job as the query of its workflow shows it. */
  Job<ProtectionStep, ProtectionPlan> job() {
    return fixture.newWorkflowStubForQuery(env.getWorkflowClient()).job();
  }

  ReplicationWorkflow replication() {
    return env.getWorkflowClient()
        .newWorkflowStub(
            ReplicationWorkflow.class,
            WorkflowIds.replication(fixture.scenario.vault(), fixture.scenario.vm()));
  }

  /**
   * Lets workflow time pass, a minute at a time (a sleep of the test service returns once the
   * activities running have completed), until cycle {@code number} has ended; returns it.
   */
  ReplicationCycle awaitCycle(long number) {
    for (int minutes = 0; minutes <= MAX_MINUTES_PER_CYCLE; minutes++) {
      Optional<ReplicationCycle> ended =
          replication().status().recentCycles().stream()
              .filter(cycle -> cycle.number() == number)
              .findFirst();
      if (ended.isPresent()) {
        return ended.get();
      }
      env.sleep(Duration.ofMinutes(1));
    }
    throw new AssertionError(
        "cycle "
            + number
            + " did not end within "
            + MAX_MINUTES_PER_CYCLE
            + " minutes: "
            + replication().status());
  }

  /**
   * Runs {@code writes} so that they go whole into the next cut, and returns the number of the
   * cycle that takes it: that cut waits for them. Cycles start at the marks of their interval on
   * the clock, and the test server's clock runs on between the test's calls, so a cycle may begin
   * during the writes. Cut 0 is the reprotect's, so cycle n takes the (n + 1)th cut.
   */
  long writeIntoNextCut(Runnable writes) {
    int cutsTaken = azure.faults().callCount("holdWrites");
    AtomicBoolean written = new AtomicBoolean();
    azure
        .faults()
        .onCall(
            "holdWrites",
            cutsTaken + 1,
            () -> ReprotectFixture.await(Duration.ofMinutes(1), written::get));
    writes.run();
    written.set(true);
    return cutsTaken;
  }

  /** Cycle {@code number}, which must have succeeded. */
  ReplicationCycle awaitSucceededCycle(long number) {
    ReplicationCycle cycle = awaitCycle(number);
    if (!cycle.succeeded()) {
      throw new AssertionError("cycle " + number + " failed: " + cycle.error());
    }
    return cycle;
  }

  /** Runs {@code action} before each of the next {@code count} calls of a backend operation. */
  void beforeEachCall(String operation, int count, Runnable action) {
    FaultInjector faults = azure.faults();
    int done = faults.callCount(operation);
    for (int call = done + 1; call <= done + count; call++) {
      faults.onCall(operation, call, action);
    }
  }

  /** The guest of the source VM writes one block of the disk in {@code slot}. */
  void write(String slot, long block, byte[] data) {
    azure.workload().write(sourceGroup(), fixture.scenario.vm(), slot, block, data);
  }

  /** The live disk of the source VM in {@code slot}. */
  BlobRef sourceDisk(String slot) {
    return azure
        .compute()
        .virtualMachine(sourceGroup(), fixture.scenario.vm())
        .orElseThrow()
        .disks()
        .stream()
        .filter(disk -> disk.slot().equals(slot))
        .findFirst()
        .map(VmDisk::vhd)
        .orElseThrow();
  }

  List<String> slots() {
    return fixture.item().replicaDisks().stream().map(ReplicaDisk::slot).toList();
  }

  BlobRef replica(String slot) {
    return fixture.item().replicaDisks().stream()
        .filter(disk -> disk.slot().equals(slot))
        .findFirst()
        .map(ReplicaDisk::replica)
        .orElseThrow();
  }

  List<VmCut> cuts() {
    return new Cuts(azure).list(sourceGroup(), fixture.scenario.vm());
  }

  VmCut cut(String cutId) {
    return new Cuts(azure)
        .find(sourceGroup(), fixture.scenario.vm(), cutId)
        .orElseThrow(() -> new AssertionError("no cut " + cutId + " (deleted already?)"));
  }

  /** The item's recovery points in the vault, oldest first. */
  List<RecoveryPoint> points() {
    return azure.recoveryServices().recoveryPoints(fixture.scenario.vault(), fixture.scenario.vm());
  }

  /** The snapshot of the disk in {@code slot} that a recovery point holds. */
  static BlobRef pointDisk(RecoveryPoint point, String slot) {
    return point.disks().stream()
        .filter(disk -> disk.blob().endsWith("." + slot + ".vhd"))
        .findFirst()
        .orElseThrow(() -> new AssertionError(point.id() + " has no disk " + slot));
  }

  /**
   * A cut and its shipment through the activities alone, outside the replication workflow: a cycle
   * that ships against {@code baseCutId}, or against what the item records the replicas hold when
   * it is null.
   */
  CycleShipment takeAndShipCut(String baseCutId, String cutId) {
    return withCycleActivities(
        ActivityPolicies.shipment("ship " + cutId),
        stub -> {
          stub.takeCut(new TakeCut(fixture.scenario.vault(), fixture.scenario.vm(), cutId, false));
          return stub.shipCut(
              new ShipCut(fixture.scenario.vault(), fixture.scenario.vm(), baseCutId, cutId));
        });
  }

  /**
   * The same in one attempt, which a fault may stop half way: the shipment is not retried, as when
   * its worker dies and the workflow stops before a retry.
   */
  CycleShipment takeAndShipCutOnce(String cutId) {
    ActivityOptions shipment = ActivityPolicies.shipment("ship " + cutId);
    return withCycleActivities(
        ActivityOptions.newBuilder(shipment)
            .setRetryOptions(
                RetryOptions.newBuilder(shipment.getRetryOptions()).setMaximumAttempts(1).build())
            .build(),
        stub -> {
          stub.takeCut(new TakeCut(fixture.scenario.vault(), fixture.scenario.vm(), cutId, false));
          return stub.shipCut(
              new ShipCut(fixture.scenario.vault(), fixture.scenario.vm(), null, cutId));
        });
  }

  private CycleShipment withCycleActivities(
      ActivityOptions options, Function<ReplicationCycleActivities, CycleShipment> calls) {
    TestActivityEnvironment activities = TestActivityEnvironment.newInstance();
    try {
      activities.registerActivitiesImplementations(
          new ReplicationCycleActivitiesImpl(azure, ReprotectFixture.BLOCKS_PER_RANGE));
      return calls.apply(activities.newActivityStub(ReplicationCycleActivities.class, options));
    } finally {
      activities.close();
    }
  }

  String sourceGroup() {
    return fixture.item().source().resourceGroup();
  }

  @Override
  public void close() {
    fixture.close();
  }
}
