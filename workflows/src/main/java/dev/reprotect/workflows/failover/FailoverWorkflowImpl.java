package dev.reprotect.workflows.failover;

import dev.reprotect.activities.ItemOperation;
import dev.reprotect.activities.TargetVmStop;
import dev.reprotect.activities.failover.ChoosePoint;
import dev.reprotect.activities.failover.ChosenPoint;
import dev.reprotect.activities.failover.CompleteFailover;
import dev.reprotect.activities.failover.CreatedDisk;
import dev.reprotect.activities.failover.DiskFromPoint;
import dev.reprotect.activities.failover.FailoverCompletion;
import dev.reprotect.activities.failover.FailoverDisk;
import dev.reprotect.activities.failover.FailoverErrorCode;
import dev.reprotect.activities.failover.FailoverPlan;
import dev.reprotect.activities.failover.FailoverPlanning;
import dev.reprotect.activities.failover.FailoverRequest;
import dev.reprotect.activities.failover.FailoverVm;
import dev.reprotect.activities.failover.PointSelector;
import dev.reprotect.activities.failover.RecoveryVmActivities;
import dev.reprotect.activities.item.ReplicatedItemActivities;
import dev.reprotect.activities.metering.MeteredRun;
import dev.reprotect.activities.metering.MeteringActivities;
import dev.reprotect.activities.replication.CreateRecoveryPoint;
import dev.reprotect.activities.replication.CutTaken;
import dev.reprotect.activities.replication.DeleteCut;
import dev.reprotect.activities.replication.ItemRef;
import dev.reprotect.activities.replication.ReplicationCycleActivities;
import dev.reprotect.activities.replication.ShipCut;
import dev.reprotect.activities.replication.TakeCut;
import dev.reprotect.azure.BlobRef;
import dev.reprotect.azure.CallerCosts;
import dev.reprotect.azure.ItemLifecycle;
import dev.reprotect.azure.RecoveryPointType;
import dev.reprotect.workflows.ActivityPolicies;
import dev.reprotect.workflows.FailureCode;
import dev.reprotect.workflows.RunTags;
import dev.reprotect.workflows.job.CheckedPlan;
import dev.reprotect.workflows.job.ItemJob;
import dev.reprotect.workflows.job.Job;
import dev.reprotect.workflows.job.JobTracker;
import dev.reprotect.workflows.resume.ReplicationResume;
import dev.reprotect.workflows.resume.ReplicationResumed;
import io.temporal.activity.ActivityOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;

public final class FailoverWorkflowImpl implements FailoverWorkflow {
  /** A change to the point the VM runs on leaves the VM running on its disks. */
  static final String CURRENT_POINT_KEEPS_THE_VM = "current-point-keeps-the-vm";

  /**
   * Version 1: the summary carries what the backend metered for the job, read at its end (one more
   * activity). Jobs recorded before it replay without it.
   */
  static final String SUMMARY_METERS = "failover-summary-meters";

  /**
   * Version 1: the shipment of a failover to the latest point runs on the shipment queue ({@code
   * TaskQueues.shipmentQueueOf}), as the replication's do, out of the short steps' slots.
   */
  static final String SHIPMENT_QUEUE = "failover-shipment-queue";

  /**
   * Version 1: a failover to the latest point keeps the cut it made its point from, the stale
   * side's base of the lineage it records on the item, instead of deleting it once the point is
   * made. Jobs recorded before it delete the cut, and record a lineage without it.
   */
  static final String KEEPS_THE_CUT_OF_ITS_POINT = "failover-keeps-the-cut-of-its-point";

  /** The disk copies started: a failed job releases the item only once none runs. */
  private final List<Promise<CreatedDisk>> copies = new ArrayList<>();

  private JobTracker<FailoverStep, FailoverPlan> job;
  private String sourceShutdown;

  @Override
  public FailoverSummary failover(FailoverRequest request) {
    ItemLifecycle operation = request.operation();
    job = new JobTracker<>(operation, request.vault(), request.vm(), FailoverStep.of(operation));
    return new ItemJob<>(job, copies, FailoverWorkflowImpl::cancelledItem)
        .returningUnchangedItems(
            FailoverWorkflowImpl::madeNoVm, FailoverWorkflowImpl::resumeReplication)
        .run(
            "Checking the " + operation + " of " + request.vm(),
            () -> checked(request),
            (plan, claimed) ->
                stub(
                        ReplicatedItemActivities.class,
                        ActivityPolicies.step(
                            "Record the "
                                + plan.operation()
                                + " as the running operation of "
                                + plan.vm()))
                    .claimItem(claimed, plan.checked()),
            (plan, claimed) ->
                switch (plan.operation()) {
                  case Failover -> failover(request, plan, claimed);
                  case ChangeRecoveryPoint -> changePoint(plan, claimed);
                  case TestFailover -> testFailover(plan, claimed);
                  case TestFailoverCleanup -> cleanUpTestFailover(plan, claimed);
                  default -> commit(plan, claimed);
                });
  }

  private static CheckedPlan<FailoverPlan> checked(FailoverRequest request) {
    FailoverPlan plan =
        stub(
                FailoverPlanning.class,
                ActivityPolicies.step("Check the " + request.operation() + " of " + request.vm()))
            .planFailover(request);
    return new CheckedPlan<>(
        plan,
        plan.vault(),
        plan.vm(),
        plan.sourceRegion(),
        plan.recoveryRegion(),
        null,
        String.format(
            "%s: %s -> %s%s",
            plan.vm(),
            plan.sourceRegion(),
            plan.recoveryRegion(),
            plan.point() == null ? "" : ", point " + plan.point()));
  }

  @Override
  public Job<FailoverStep, FailoverPlan> job() {
    return job.snapshot();
  }

  private FailoverSummary failover(
      FailoverRequest request, FailoverPlan plan, ItemOperation operation) {
    shutdownSource(request, plan);
    job.start(FailoverStep.StopReplication, "Stopping the replication of " + plan.vm());
    String stopped =
        stub(
                ReplicationStopActivities.class,
                ActivityPolicies.replicationStop("Stop the replication of " + plan.vm()))
            .stopReplication(new ItemRef(plan.vault(), plan.vm()));
    job.succeed(FailoverStep.StopReplication, stopped);
    ChosenPoint point = choosePoint(plan, operation);
    return recreateVm(plan, operation, point);
  }

  /** Turns the source VM off if asked; a failure is recorded and the failover goes on. */
  private void shutdownSource(FailoverRequest request, FailoverPlan plan) {
    if (!request.shutdownSource()) {
      job.skip(FailoverStep.ShutdownSource, "Not asked (--shutdown-source)");
      return;
    }
    job.start(
        FailoverStep.ShutdownSource, "Turning off " + plan.vm() + " in " + plan.sourceRegion());
    try {
      TargetVmStop stop =
          stub(
                  RecoveryVmActivities.class,
                  ActivityPolicies.cycleStep(
                      "Turn off " + plan.vm() + " in " + plan.sourceRegion()))
              .shutdownSourceVm(plan);
      sourceShutdown = stop.name();
      job.succeed(FailoverStep.ShutdownSource, plan.vm() + ": " + stop);
    } catch (ActivityFailure failed) {
      FailureCode code = FailureCode.of(failed.getCause());
      sourceShutdown = "Failed: " + code.code();
      job.failAndGoOn(
          FailoverStep.ShutdownSource,
          String.format(
              "%s could not be turned off (%s:" + " %s); the failover goes on",
              plan.vm(), code.code(), code.message()));
    }
  }

  /**
   * The point to use: for a failover to {@code latest}, a cut taken now, shipped and made a point
   * first; a test failover takes the newest point instead, leaving the replicas to the replication.
   * The choice pins the point on the item, so a replication cycle can no longer prune it.
   */
  private ChosenPoint choosePoint(FailoverPlan plan, ItemOperation operation) {
    job.start(FailoverStep.PrepareRecoveryPoint, "Point " + plan.point());
    String selector = plan.point();
    if (plan.operation() == ItemLifecycle.TestFailover) {
      selector = PointSelector.forTestFailover(selector);
    } else if (PointSelector.LATEST.equals(selector)) {
      selector = takeLatestPoint(plan);
    }
    ChosenPoint point =
        stub(
                FailoverPlanning.class,
                ActivityPolicies.step("Find recovery point " + selector + " of " + plan.vm()))
            .choosePoint(
                new ChoosePoint(plan.vault(), plan.vm(), selector, operation.operationId()));
    job.succeed(
        FailoverStep.PrepareRecoveryPoint,
        String.format("%s, %s, made %s", point.id(), point.type(), point.time()));
    return point;
  }

  private String takeLatestPoint(FailoverPlan plan) {
    String tag = RunTags.of('f');
    String cutId = tag + ".c";
    String pointId = tag + ".p";
    ReplicationCycleActivities cycle =
        stub(
            ReplicationCycleActivities.class,
            ActivityPolicies.step("Take cut " + cutId + " of " + plan.vm() + " for the failover"));
    CutTaken cut = cycle.takeCut(new TakeCut(plan.vault(), plan.vm(), cutId, false));
    // No base named: the shipment sends what changed since the cut the item records the replicas
    // hold, with what a stopped cycle may have written of its own cut.
    String summary = "Ship " + cutId + " to " + plan.recoveryRegion();
    ActivityOptions shipment =
        Workflow.getVersion(SHIPMENT_QUEUE, Workflow.DEFAULT_VERSION, 1) == 1
            ? ActivityPolicies.shipmentOnItsOwnQueue(summary)
            : ActivityPolicies.shipment(summary);
    stub(ReplicationCycleActivities.class, shipment)
        .shipCut(new ShipCut(plan.vault(), plan.vm(), null, cut.cutId()));
    cycle.createRecoveryPoint(
        new CreateRecoveryPoint(
            plan.vault(), plan.vm(), pointId, RecoveryPointType.CrashConsistent, cut.cutId()));
    // Kept as the lineage's stale-side base. Should the failover fail, nothing is left behind:
    // its point names the cut, so a commit deletes the cut with the point, and a replication
    // resumed from that point ships against it and deletes it once it has moved on.
    if (Workflow.getVersion(KEEPS_THE_CUT_OF_ITS_POINT, Workflow.DEFAULT_VERSION, 1)
        == Workflow.DEFAULT_VERSION) {
      cycle.deleteCut(new DeleteCut(plan.vault(), plan.vm(), cut.cutId()));
    }
    return pointId;
  }

  /**
   * A copy of a point booted on an isolated network of the recovery region; the replication goes
   * on, the item stays Protected.
   */
  private FailoverSummary testFailover(FailoverPlan plan, ItemOperation operation) {
    ChosenPoint point = choosePoint(plan, operation);
    job.start(FailoverStep.CreateTestNetwork, plan.networkId());
    vmStub("Create the isolated network of the test failover of " + plan.vm())
        .ensureTestNetwork(plan);
    job.succeed(FailoverStep.CreateTestNetwork, "peered with no network");
    return recreateVm(plan, operation, point);
  }

  /** Removes what the drill made, its VM (with its disks) before the network it is on. */
  private FailoverSummary cleanUpTestFailover(FailoverPlan plan, ItemOperation operation) {
    job.start(FailoverStep.DeleteTestVm, plan.recoveryVmName() + " in " + plan.recoveryGroup());
    vmStub("Delete " + plan.recoveryVmName() + " and its disks").deleteTestVm(plan);
    job.succeed(FailoverStep.DeleteTestVm, plan.recoveryVmName() + " is deleted");
    job.start(FailoverStep.DeleteTestNetwork, plan.networkId());
    vmStub("Delete the isolated network of the test failover of " + plan.vm())
        .deleteTestNetwork(plan);
    job.succeed(FailoverStep.DeleteTestNetwork, "deleted");
    return commit(plan, operation);
  }

  private FailoverSummary changePoint(FailoverPlan plan, ItemOperation operation) {
    ChosenPoint point = choosePoint(plan, operation);
    if (point.id().equals(plan.runningPoint())
        && Workflow.getVersion(CURRENT_POINT_KEEPS_THE_VM, Workflow.DEFAULT_VERSION, 1) == 1) {
      return keepRunningPoint(plan, operation, point);
    }
    job.start(FailoverStep.StopVm, "Turning off " + plan.vm() + " in " + plan.recoveryRegion());
    vmStub("Turn off " + plan.vm() + " before its disks change").powerOffVm(plan);
    job.succeed(FailoverStep.StopVm, plan.vm() + " is stopped");
    return recreateVm(plan, operation, point);
  }

  /** A change to the point the VM already runs on: nothing to do, the VM runs on. */
  private FailoverSummary keepRunningPoint(
      FailoverPlan plan, ItemOperation operation, ChosenPoint point) {
    String reason = plan.vm() + " already runs on disks made from " + point.id();
    for (FailoverStep step :
        List.of(
            FailoverStep.StopVm,
            FailoverStep.CreateDisks,
            FailoverStep.CreateVm,
            FailoverStep.BootVm,
            FailoverStep.DeleteReplacedDisks)) {
      job.skip(step, reason);
    }
    complete(plan, operation);
    return new FailoverSummary(
        plan.vault(),
        plan.vm(),
        plan.operation(),
        plan.operation().succeeded().name(),
        activeRegion(plan),
        point.id(),
        point.type(),
        point.time(),
        List.of(),
        null,
        job.elapsedMillis(),
        meters(plan));
  }

  /** Disks from the point, the VM on them, booted; the item's record last. */
  private FailoverSummary recreateVm(
      FailoverPlan plan, ItemOperation operation, ChosenPoint point) {
    job.start(
        FailoverStep.CreateDisks,
        String.format(
            "%d disks from %s in %s", plan.disks().size(), point.id(), plan.recoveryAccount()));
    for (FailoverDisk disk : plan.disks()) {
      BlobRef snapshot = point.snapshots().get(disk.slot());
      RecoveryVmActivities copy =
          stub(
              RecoveryVmActivities.class,
              ActivityPolicies.longStep(
                  "Create disk " + disk.slot() + " of " + plan.vm() + " from point " + point.id()));
      copies.add(
          Async.function(
              copy::createDiskFromPoint,
              new DiskFromPoint(plan, disk.slot(), point.id(), snapshot)));
    }
    // The first copy that fails fails the job at once; the release waits for the others.
    Promise.allOf(copies).get();
    List<CreatedDisk> disks = copies.stream().map(Promise::get).toList();
    List<FailedOverDisk> checked = checkDisks(point, disks);
    job.succeed(
        FailoverStep.CreateDisks, disks.size() + " disks, each equal to the point's" + " checksum");

    FailoverVm vm = new FailoverVm(plan, disks);
    boolean changingPoint = plan.operation() == ItemLifecycle.ChangeRecoveryPoint;
    // Read before the VM moves onto the new disks: after, it no longer names the old ones.
    List<BlobRef> replaced =
        changingPoint
            ? vmStub("Find the disks of " + plan.vm() + " that the new point replaces")
                .disksToReplace(vm)
            : List.of();
    String vmName = plan.recoveryVmName();
    job.start(
        FailoverStep.CreateVm,
        vmName + " in " + plan.recoveryGroup() + ", network " + plan.networkId());
    vmStub("Create " + vmName + " in " + plan.recoveryRegion()).createOrUpdateVm(vm);
    job.succeed(
        FailoverStep.CreateVm,
        vmName
            + " is created"
            + (plan.availabilitySet() == null ? "" : " in " + plan.availabilitySet()));
    job.start(FailoverStep.BootVm, "Booting " + vmName);
    vmStub("Boot " + vmName + " in " + plan.recoveryRegion()).bootVm(plan);
    job.succeed(FailoverStep.BootVm, vmName + " is running in " + plan.recoveryRegion());
    if (changingPoint) {
      deleteReplacedDisks(replaced);
    }
    complete(plan, operation);
    return new FailoverSummary(
        plan.vault(),
        plan.vm(),
        plan.operation(),
        plan.operation().succeeded().name(),
        activeRegion(plan),
        point.id(),
        point.type(),
        point.time(),
        checked,
        sourceShutdown,
        job.elapsedMillis(),
        meters(plan));
  }

  /** Each disk as read from its bytes equals its point's recorded checksum, or the job fails. */
  private static List<FailedOverDisk> checkDisks(ChosenPoint point, List<CreatedDisk> disks) {
    List<FailedOverDisk> checked = new ArrayList<>();
    for (CreatedDisk disk : disks) {
      String recorded = point.checksums().get(disk.slot());
      if (recorded != null && !recorded.equals(disk.checksum())) {
        throw ApplicationFailure.newNonRetryableFailure(
            String.format(
                "disk %s made from point" + " %s hashes to %s, the point recorded %s",
                disk.blob(), point.id(), disk.checksum(), recorded),
            FailoverErrorCode.FailoverDiskMismatch.name());
      }
      checked.add(new FailedOverDisk(disk.slot(), disk.blob(), recorded, disk.checksum()));
    }
    return checked;
  }

  private void deleteReplacedDisks(List<BlobRef> replaced) {
    job.start(FailoverStep.DeleteReplacedDisks, replaced.size() + " disks of the previous point");
    vmStub("Delete the disks of the previous point").deleteDisks(replaced);
    job.succeed(FailoverStep.DeleteReplacedDisks, replaced.size() + " disks deleted");
  }

  private FailoverSummary commit(FailoverPlan plan, ItemOperation operation) {
    complete(plan, operation);
    return new FailoverSummary(
        plan.vault(),
        plan.vm(),
        plan.operation(),
        plan.operation().succeeded().name(),
        activeRegion(plan),
        null,
        null,
        null,
        List.of(),
        null,
        job.elapsedMillis(),
        meters(plan));
  }

  /**
   * What the backend charged this run's calls, read at the job's end and counted in the metrics;
   * null in jobs recorded before SUMMARY_METERS.
   */
  private CallerCosts meters(FailoverPlan plan) {
    if (Workflow.getVersion(SUMMARY_METERS, Workflow.DEFAULT_VERSION, 1)
        == Workflow.DEFAULT_VERSION) {
      return null;
    }
    CallerCosts costs =
        stub(
                MeteringActivities.class,
                ActivityPolicies.step(
                    "Read what the "
                        + "backend metered for the "
                        + plan.operation()
                        + " of "
                        + plan.vm()))
            .meters(
                new MeteredRun(Workflow.getInfo().getWorkflowId(), Workflow.getInfo().getRunId()))
            .costs();
    job.recordMeters(costs, plan.sourceRegion(), plan.recoveryRegion());
    return costs;
  }

  private void complete(FailoverPlan plan, ItemOperation operation) {
    job.start(FailoverStep.Complete, plan.vm() + " becomes " + plan.operation().succeeded());
    stub(
            FailoverCompletion.class,
            ActivityPolicies.step("Mark " + plan.vm() + " " + plan.operation().succeeded()))
        .completeFailover(new CompleteFailover(operation, plan));
    job.succeed(
        FailoverStep.Complete,
        plan.vm() + " is " + plan.operation().succeeded() + ", active in " + activeRegion(plan));
  }

  /** Where the item is active once the job is done: a drill leaves it where it was. */
  private static String activeRegion(FailoverPlan plan) {
    boolean drill =
        plan.operation() == ItemLifecycle.TestFailover
            || plan.operation() == ItemLifecycle.TestFailoverCleanup;
    return drill ? plan.sourceRegion() : plan.recoveryRegion();
  }

  /**
   * Whether a failover that failed or was cancelled made no VM, which the item then does not depend
   * on; when the backend cannot tell, it may have made one.
   */
  private static boolean madeNoVm(FailoverPlan plan) {
    try {
      return !vmStub(
              "Find whether " + plan.recoveryVmName() + " was made in " + plan.recoveryRegion())
          .recoveryVmExists(plan);
    } catch (ActivityFailure unknown) {
      return false;
    }
  }

  /**
   * Restarts the replication a failover stopped, from the vault's record, once the failover gave up
   * before its VM existed; says what became of it.
   */
  private static String resumeReplication(FailoverPlan plan) {
    try {
      ReplicationResumed resumed = ReplicationResume.resume(new ItemRef(plan.vault(), plan.vm()));
      return String.format(
          "its replication restarted from cut %s (%s)", resumed.lastCutId(), resumed.workflowId());
    } catch (ActivityFailure failure) {
      FailureCode code = FailureCode.of(failure.getCause());
      return String.format(
          "its replication was not restarted (%s: %s); the reconciler restarts"
              + " it within minutes, or: reprotect replication %s --vault %s --start",
          code.code(), code.message(), plan.vm(), plan.vault());
    }
  }

  /**
   * How a cancelled job leaves the item, given its plan (null when it was cancelled in its check):
   * a drill past its check stays recorded on it.
   */
  private static String cancelledItem(FailoverPlan plan) {
    if (plan == null) {
      return "as it was";
    }
    return plan.operation() == ItemLifecycle.TestFailover
        ? plan.operation().failed()
            + " with its drill recorded: remove what the drill made"
            + " with test-failover-cleanup"
        : plan.operation().failed() + ", ready for a re-run";
  }

  private static RecoveryVmActivities vmStub(String summary) {
    return stub(RecoveryVmActivities.class, ActivityPolicies.step(summary));
  }

  private static <T> T stub(Class<T> activities, ActivityOptions options) {
    return Workflow.newActivityStub(activities, options);
  }
}
