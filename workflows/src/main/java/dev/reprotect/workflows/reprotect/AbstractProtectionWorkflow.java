package dev.reprotect.workflows.reprotect;

import static dev.reprotect.workflows.ByteSizes.format;

import dev.reprotect.activities.DiskSyncInput;
import dev.reprotect.activities.DiskSyncResult;
import dev.reprotect.activities.ItemOperation;
import dev.reprotect.activities.PlanDigest;
import dev.reprotect.activities.PlannedArtefact;
import dev.reprotect.activities.PlannedDisk;
import dev.reprotect.activities.ProtectionPlan;
import dev.reprotect.activities.ReplicationStarted;
import dev.reprotect.activities.SeedCopy;
import dev.reprotect.activities.SeededDisk;
import dev.reprotect.activities.StartReplication;
import dev.reprotect.activities.SyncChoice;
import dev.reprotect.activities.TargetVmPlan;
import dev.reprotect.activities.TargetVmStop;
import dev.reprotect.activities.artefacts.ArtefactActivities;
import dev.reprotect.activities.metering.JobMeters;
import dev.reprotect.activities.metering.MeteredRun;
import dev.reprotect.activities.metering.MeteringActivities;
import dev.reprotect.activities.replication.CutTaken;
import dev.reprotect.activities.replication.DeltaReplicationActivities;
import dev.reprotect.activities.replication.ReplicationCycleActivities;
import dev.reprotect.activities.replication.TakeCut;
import dev.reprotect.activities.sync.ChangedBlockSync;
import dev.reprotect.activities.sync.ChangedBlockSyncResult;
import dev.reprotect.activities.sync.InitialSyncActivities;
import dev.reprotect.activities.sync.SeedFromStaleCut;
import dev.reprotect.activities.targetvm.TargetVmActivities;
import dev.reprotect.azure.BlobRef;
import dev.reprotect.azure.CutDisk;
import dev.reprotect.azure.ItemLifecycle;
import dev.reprotect.azure.PowerState;
import dev.reprotect.azure.RecoveryPointType;
import dev.reprotect.workflows.ActivityPolicies;
import dev.reprotect.workflows.RunTags;
import dev.reprotect.workflows.TaskQueues;
import dev.reprotect.workflows.WorkflowIds;
import dev.reprotect.workflows.job.CheckedPlan;
import dev.reprotect.workflows.job.ItemJob;
import dev.reprotect.workflows.job.Job;
import dev.reprotect.workflows.job.JobTracker;
import dev.reprotect.workflows.replication.RecoveryPointInfo;
import dev.reprotect.workflows.replication.ReplicationInput;
import dev.reprotect.workflows.replication.ReplicationWorkflow;
import dev.reprotect.workflows.resume.ReplicationLaunch;
import io.temporal.activity.ActivityOptions;
import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.CompletablePromise;
import io.temporal.workflow.Functions;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The steps a protection shares, whether the item's first (an enable) or a reprotect: check and
 * plan, claim the item, prepare the artefacts, seed from a target VM if there is one, sync cut 0,
 * take the first point and start the replication. The job it records is the same, so the CLI shows
 * either the same way. A subclass supplies the check and the claim.
 */
public abstract class AbstractProtectionWorkflow {
  /**
   * Version 1: the initial sync reads cut 0 (every source disk at one instant) instead of the live
   * disks, the first recovery point is cut 0 on the replicas, and the replication workflow starts.
   * Jobs recorded before it replay without these commands.
   */
  static final String CONSISTENT_CUT = "consistent-cut-and-replication";

  /**
   * Version 1: the summary's bytes sent across regions are read from the backend's meter at the end
   * of the job (one more activity), not summed from the syncs' last attempts. Version 2: that
   * activity reads each side's meters too (another activity type in its place).
   */
  static final String METERED_SENT = "summary-sent-from-the-meter";

  /**
   * Version 1: the stop step runs whenever there is a target VM and decides from its state then,
   * the seed blobs are copied one activity per disk, and the syncs run on the sync task queue.
   */
  static final String LONG_STEPS = "stop-now-seed-per-disk-sync-queue";

  /**
   * Version 1: the replication workflow is started by an activity through the client, which adopts
   * one already running for this run and otherwise fails the job with {@code ReplicationRunning},
   * instead of a child start that failed the workflow with the job left InProgress.
   */
  static final String GUARDED_REPLICATION_START = "replication-started-by-an-activity";

  /**
   * Version 1: a disk the plan syncs from its changed blocks (the failover's lineage holds) is
   * seeded from the stale disk's cut ({@code seedFromStaleCut}, in place of the seed copy) and
   * synced by {@code syncChangedBlocks} (in place of {@code syncDisk}). Only jobs whose plan chose
   * changed blocks for a disk ask for it; plans recorded before it hold no choice.
   */
  static final String CHANGED_BLOCKS = "changed-block-reprotect";

  /**
   * Version 1: what the data does not wait for runs beside it. The vault's cache account, which
   * only the replication uses, is made after the target side's artefacts and while the disks are
   * seeded and synced; the target VM is deleted while the disks sync (its seeds hold its data by
   * then). Both end before delta replication starts, and a cancelled job lets them end.
   */
  static final String BESIDE_THE_DATA = "cache-account-and-vm-deletion-beside-the-data";

  private final List<Promise<?>> inFlight = new ArrayList<>();

  /** The steps running beside the data, awaited before delta replication starts. */
  private final List<Promise<Void>> besideTheData = new ArrayList<>();

  private final Map<String, ChangedBlockSyncResult> changedBlockSyncs = new HashMap<>();
  private boolean longSteps;
  private boolean changedBlocks;
  private boolean stepsBesideTheData;
  private JobTracker<ProtectionStep, ProtectionPlan> job;

  /**
   * Runs the job of {@code operation} on the item: {@code planning} checks and plans it, {@code
   * claim} records it as the item's running operation. A failure after the claim leaves the item in
   * the operation's failed state (ItemLifecycle's table).
   */
  protected final ProtectionSummary protect(
      String vault,
      String vm,
      ItemLifecycle operation,
      int replicationCycleSeconds,
      Supplier<ProtectionPlan> planning,
      BiConsumer<ProtectionPlan, ItemOperation> claim) {
    job = new JobTracker<>(operation, vault, vm, List.of(ProtectionStep.values()));
    return new ItemJob<>(
            job, inFlight, plan -> operation.failed() + " and a re-run reuses what was done")
        .run(
            "Checking the prerequisites of " + vm,
            () -> checked(planning.get()),
            claim,
            (plan, claimed) -> protect(replicationCycleSeconds, plan, claimed));
  }

  private static CheckedPlan<ProtectionPlan> checked(ProtectionPlan plan) {
    return new CheckedPlan<>(
        plan,
        plan.vault(),
        plan.vm(),
        plan.sourceRegion(),
        plan.targetRegion(),
        plan.digest(),
        String.format(
            "%s runs in %s; it will replicate to %s (plan %s)%s",
            plan.vm(),
            plan.sourceRegion(),
            plan.targetRegion(),
            PlanDigest.shortForm(plan.digest()),
            takeOverNote(plan)));
  }

  /** What the job's check says of a claim that an earlier run of its workflow left, if any. */
  private static String takeOverNote(ProtectionPlan plan) {
    if (plan.checkedItem() == null || plan.checkedItem().runningOperation() == null) {
      return "";
    }
    return "; it takes over the claim left by an earlier run of this job: "
        + plan.checkedItem().runningOperation();
  }

  public Job<ProtectionStep, ProtectionPlan> job() {
    return job.snapshot();
  }

  private ProtectionSummary protect(
      int replicationCycleSeconds, ProtectionPlan plan, ItemOperation operation) {
    changedBlocks =
        plan.disks().stream().anyMatch(PlannedDisk::changedBlocks)
            && Workflow.getVersion(CHANGED_BLOCKS, Workflow.DEFAULT_VERSION, 1) >= 1;
    stepsBesideTheData = Workflow.getVersion(BESIDE_THE_DATA, Workflow.DEFAULT_VERSION, 1) >= 1;
    prepareArtefacts(plan);
    Map<String, Long> seedBytes = seedFromTargetVm(plan);

    job.start(
        ProtectionStep.InitialSync,
        String.format(
            "%d disks, %s in all%s",
            plan.disks().size(),
            format(plan.disks().stream().mapToLong(PlannedDisk::sizeBytes).sum()),
            syncChoices(plan)));
    boolean consistentCut = Workflow.getVersion(CONSISTENT_CUT, Workflow.DEFAULT_VERSION, 1) >= 1;
    // A tag of this run in every cut and point id: a later reprotect (after a failback) never
    // finds an old point or cut under its ids.
    String runTag = consistentCut ? RunTags.of('r') : null;
    CutTaken cut0 = consistentCut ? takeCut0(plan, runTag) : null;
    List<DiskSyncResult> synced = syncDisks(plan, cut0);
    job.succeed(
        ProtectionStep.InitialSync,
        String.format(
            "%d blocks sent, %d cleared, %s as the syncs counted%s",
            synced.stream().mapToLong(DiskSyncResult::blocksCopied).sum(),
            synced.stream().mapToLong(DiskSyncResult::blocksCleared).sum(),
            format(synced.stream().mapToLong(DiskSyncResult::bytesTransferred).sum()),
            syncChoices(plan)));
    besideTheData.forEach(Promise::get);

    job.start(ProtectionStep.StartDeltaReplication, "Taking the first recovery point");
    String firstPoint = consistentCut ? runTag + ".p0" : null;
    ReplicationStarted started =
        stub(
                DeltaReplicationActivities.class,
                ActivityPolicies.step(
                    "Start delta replication of " + plan.vm() + " to " + plan.targetRegion()))
            .startDeltaReplication(
                new StartReplication(
                    operation, plan, firstPoint, consistentCut ? cut0.cutId() : null));
    String replication = "";
    if (consistentCut) {
      replication =
          ", replication " + startReplication(replicationCycleSeconds, plan, runTag, cut0, started);
    }
    job.succeed(
        ProtectionStep.StartDeltaReplication,
        String.format(
            "Protected: replicating %s -> %s, first recovery point %s%s",
            plan.sourceRegion(), plan.targetRegion(), started.firstRecoveryPoint(), replication));
    JobMeters meters = meters(plan, synced);
    job.recordBytesSent(meters.bytesSentAcrossRegions());
    if (meters.costs() != null) {
      job.recordMeters(meters.costs(), plan.sourceRegion(), plan.targetRegion());
    }
    return summary(plan, seedBytes, synced, started, meters);
  }

  private void prepareArtefacts(ProtectionPlan plan) {
    job.start(
        ProtectionStep.PrepareArtefacts,
        plan.artefacts().stream()
            .map(a -> a.role() + " " + a.name() + (a.exists() ? "" : " (new)"))
            .collect(Collectors.joining(", ")));
    ArtefactActivities cache =
        stub(
            ArtefactActivities.class,
            ActivityPolicies.step(ensureSummary(plan.cacheStorageAccount())));
    if (!stepsBesideTheData) {
      cache.ensureCacheStorageAccount(plan);
    }
    stub(ArtefactActivities.class, ActivityPolicies.step(ensureSummary(plan.targetResourceGroup())))
        .ensureTargetResourceGroup(plan);
    stub(
            ArtefactActivities.class,
            ActivityPolicies.step(ensureSummary(plan.targetStorageAccount())))
        .ensureTargetStorageAccount(plan);
    if (plan.availabilitySet() != null) {
      stub(ArtefactActivities.class, ActivityPolicies.step(ensureSummary(plan.availabilitySet())))
          .ensureAvailabilitySet(plan);
    }
    long created = plan.artefacts().stream().filter(a -> !a.exists()).count();
    String prepared =
        String.format("%d created, %d reused", created, plan.artefacts().size() - created);
    if (stepsBesideTheData) {
      // The first of the artefact steps recorded what the plan creates, the cache account too.
      beside(
          () -> Async.procedure(cache::ensureCacheStorageAccount, plan),
          () -> job.succeed(ProtectionStep.PrepareArtefacts, prepared));
    } else {
      job.succeed(ProtectionStep.PrepareArtefacts, prepared);
    }
  }

  /**
   * Starts {@code step} beside the data, and runs {@code then} once it has ended. In a detached
   * scope: a cancelled job lets a deletion or a creation end rather than stop it half-way, and its
   * release waits for it (ItemJob waits for every activity in flight).
   */
  private void beside(Functions.Func<Promise<Void>> start, Runnable then) {
    CompletablePromise<Void> step = Workflow.newPromise();
    Workflow.newDetachedCancellationScope(() -> step.completeFrom(start.apply())).run();
    inFlight.add(step);
    besideTheData.add(
        step.thenApply(
            done -> {
              then.run();
              return done;
            }));
  }

  /** Steps 2 to 4; returns the seed bytes copied per disk slot. */
  private Map<String, Long> seedFromTargetVm(ProtectionPlan plan) {
    longSteps = Workflow.getVersion(LONG_STEPS, Workflow.DEFAULT_VERSION, 1) >= 1;
    TargetVmPlan target = plan.targetVm();
    if (target == null) {
      String reason =
          plan.disks().stream().anyMatch(PlannedDisk::replicaExists)
              ? "No target VM: the replicas of an earlier run are synced as they are"
              : "No target VM in " + plan.targetRegion() + ": the disks are copied in full";
      job.skip(ProtectionStep.StopTargetVm, reason);
      job.skip(ProtectionStep.CopySeedBlobs, reason);
      job.skip(ProtectionStep.DeleteTargetVm, reason);
      return Map.of();
    }
    if (longSteps) {
      stopTargetVm(plan, target);
    } else if (target.powerState() == PowerState.Running) {
      job.start(ProtectionStep.StopTargetVm, target.name() + " is running in " + target.region());
      stopTargetVmStub(plan, target).stopTargetVm(plan);
      job.succeed(ProtectionStep.StopTargetVm, target.name() + " is stopped");
    } else {
      job.skip(ProtectionStep.StopTargetVm, target.name() + " is already stopped");
    }

    job.start(
        ProtectionStep.CopySeedBlobs,
        "Into "
            + plan.targetStorageAccount().name()
            + "/"
            + ProtectionPlan.SEED_CONTAINER
            + seededFromStaleCuts(plan));
    List<SeededDisk> seeded =
        longSteps
            ? copySeedBlobs(plan, target)
            : stub(
                    TargetVmActivities.class,
                    ActivityPolicies.longStep(
                        "Copy the disks of "
                            + target.name()
                            + " to seed blobs in "
                            + plan.targetStorageAccount().name()))
                .copyDisksToSeedBlobs(plan);
    Map<String, Long> seedBytes =
        seeded.stream().collect(Collectors.toMap(SeededDisk::slot, SeededDisk::seedBytesCopied));
    job.succeed(
        ProtectionStep.CopySeedBlobs,
        String.format(
            "%d disks seeded, %s%s",
            seeded.size(),
            format(seedBytes.values().stream().mapToLong(Long::longValue).sum()),
            seededFromStaleCuts(plan)));

    job.start(ProtectionStep.DeleteTargetVm, target.name() + " in " + target.resourceGroup());
    TargetVmActivities deletion =
        stub(
            TargetVmActivities.class,
            ActivityPolicies.longStep(
                "Delete "
                    + target.name()
                    + " in "
                    + target.region()
                    + " (its disks live on as seeds)"));
    Runnable deleted =
        () -> job.succeed(ProtectionStep.DeleteTargetVm, target.name() + " is deleted");
    if (stepsBesideTheData) {
      beside(() -> Async.procedure(deletion::deleteTargetVm, plan), deleted);
    } else {
      deletion.deleteTargetVm(plan);
      deleted.run();
    }
    return seedBytes;
  }

  /**
   * Step 2 decided from the VM's state when it runs, not from the plan's: someone may have started
   * or stopped it since.
   */
  private void stopTargetVm(ProtectionPlan plan, TargetVmPlan target) {
    job.start(
        ProtectionStep.StopTargetVm,
        "Turning off " + target.name() + " in " + target.region() + " if it runs");
    TargetVmStop stop = stopTargetVmStub(plan, target).stopTargetVm(plan);
    switch (stop) {
      case TurnedOff ->
          job.succeed(ProtectionStep.StopTargetVm, target.name() + " was running; it is stopped");
      case AlreadyStopped ->
          job.skip(ProtectionStep.StopTargetVm, target.name() + " is already stopped");
      case Gone -> job.skip(ProtectionStep.StopTargetVm, target.name() + " no longer exists");
    }
  }

  private static TargetVmActivities stopTargetVmStub(ProtectionPlan plan, TargetVmPlan target) {
    return stub(
        TargetVmActivities.class,
        ActivityPolicies.step("Turn off " + target.name() + " in " + target.region()));
  }

  /** One copy per disk, in parallel: a failed disk is retried alone. */
  private List<SeededDisk> copySeedBlobs(ProtectionPlan plan, TargetVmPlan target) {
    List<Promise<SeededDisk>> copies = new ArrayList<>();
    for (PlannedDisk disk : plan.disks()) {
      if (disk.needsSeedCopy() && syncsChangedBlocks(disk)) {
        copies.add(seedFromStaleCut(plan, target, disk));
      } else if (disk.needsSeedCopy()) {
        TargetVmActivities copy =
            stub(
                TargetVmActivities.class,
                ActivityPolicies.longStep(
                    "Copy "
                        + disk.name()
                        + " of "
                        + target.name()
                        + " to its seed blob in "
                        + plan.targetStorageAccount().name()));
        copies.add(
            Async.function(copy::copyDiskToSeedBlob, new SeedCopy(plan.targetRegion(), disk)));
      }
    }
    inFlight.addAll(copies);
    return copies.stream().map(Promise::get).toList();
  }

  /**
   * The seed of a changed-block disk: the stale disk's cut copied, snapshotted as the replica's
   * base, and the stale disk's writes since applied, while the stale disk still exists.
   */
  private Promise<SeededDisk> seedFromStaleCut(
      ProtectionPlan plan, TargetVmPlan target, PlannedDisk disk) {
    InitialSyncActivities seed =
        stub(
            InitialSyncActivities.class,
            ActivityPolicies.longStep(
                "Seed "
                    + disk.name()
                    + " of "
                    + target.name()
                    + " from its cut "
                    + disk.sync().staleCut()
                    + ", then its writes since"));
    return Async.function(
            seed::seedFromStaleCut,
            new SeedFromStaleCut(
                plan.targetRegion(),
                plan.vm(),
                disk,
                disk.sync().staleCut(),
                disk.sync().replicaBase()))
        .thenApply(seeded -> new SeededDisk(seeded.slot(), seeded.seedBytes()));
  }

  /** Whether this run syncs {@code disk} from its changed blocks: its plan's choice, versioned. */
  private boolean syncsChangedBlocks(PlannedDisk disk) {
    return changedBlocks && disk.changedBlocks();
  }

  /**
   * Each disk's sync and why, for the initial sync's detail when it starts and when it ends; empty
   * in plans without a choice.
   */
  private static String syncChoices(ProtectionPlan plan) {
    if (plan.disks().stream().allMatch(disk -> disk.sync() == null)) {
      return "";
    }
    return ": "
        + plan.disks().stream()
            .map(disk -> disk.name() + " " + (disk.sync() == null ? "" : disk.sync().describe()))
            .collect(Collectors.joining(", "));
  }

  /** The disks seeded from their stale cut, for the seed step's details. */
  private String seededFromStaleCuts(ProtectionPlan plan) {
    List<String> names =
        plan.disks().stream()
            .filter(disk -> disk.needsSeedCopy() && syncsChangedBlocks(disk))
            .map(PlannedDisk::name)
            .toList();
    return names.isEmpty()
        ? ""
        : "; " + String.join(", ", names) + " from the stale cut, for a changed-block sync";
  }

  /** Cut 0: every source disk at one instant, so the first recovery point is crash-consistent. */
  private CutTaken takeCut0(ProtectionPlan plan, String runTag) {
    return stub(
            ReplicationCycleActivities.class,
            ActivityPolicies.step("Take cut 0 of " + plan.vm() + ": every disk at one instant"))
        .takeCut(TakeCut.firstOfAProtection(plan.vault(), plan.vm(), runTag + ".c0"));
  }

  /**
   * Starts the replication workflow of the item, which outlives this job, and returns its workflow
   * id once it runs.
   */
  private String startReplication(
      int replicationCycleSeconds,
      ProtectionPlan plan,
      String runTag,
      CutTaken cut0,
      ReplicationStarted started) {
    // Dated by its data, as the vault dates it: a point at the end of a 3-hour sync holds cut 0.
    RecoveryPointInfo firstPoint =
        new RecoveryPointInfo(
            started.firstRecoveryPoint(),
            cut0.time() != null ? cut0.time() : Instant.ofEpochMilli(Workflow.currentTimeMillis()),
            RecoveryPointType.CrashConsistent,
            cut0.cutId());
    ReplicationInput input =
        ReplicationInput.first(
                plan.vault(),
                plan.vm(),
                plan.sourceRegion(),
                plan.targetRegion(),
                runTag,
                started.retentionDays(),
                started.appConsistentFrequencyMinutes(),
                cut0.cutId(),
                List.of(firstPoint))
            .withCycleInterval(replicationCycleSeconds);
    if (Workflow.getVersion(GUARDED_REPLICATION_START, Workflow.DEFAULT_VERSION, 1)
        == Workflow.DEFAULT_VERSION) {
      return startChild(input);
    }
    return ReplicationLaunch.launch(input).workflowId();
  }

  /** How jobs recorded before GUARDED_REPLICATION_START started it: a child, abandoned. */
  private static String startChild(ReplicationInput input) {
    String workflowId = WorkflowIds.replication(input.vault(), input.vm());
    ReplicationWorkflow replication =
        Workflow.newChildWorkflowStub(
            ReplicationWorkflow.class,
            ChildWorkflowOptions.newBuilder()
                .setWorkflowId(workflowId)
                .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_ABANDON)
                .setStaticSummary(ReplicationLaunch.summary(input))
                .build());
    Async.function(replication::replicate, input);
    Workflow.getWorkflowExecution(replication).get();
    return workflowId;
  }

  /** What the backend metered for this run; without each side's costs in older versions. */
  private JobMeters meters(ProtectionPlan plan, List<DiskSyncResult> synced) {
    int version = Workflow.getVersion(METERED_SENT, Workflow.DEFAULT_VERSION, 2);
    if (version == Workflow.DEFAULT_VERSION) {
      return new JobMeters(synced.stream().mapToLong(DiskSyncResult::bytesTransferred).sum(), null);
    }
    MeteredRun run =
        new MeteredRun(Workflow.getInfo().getWorkflowId(), Workflow.getInfo().getRunId());
    if (version == 1) {
      return new JobMeters(
          stub(
                  MeteringActivities.class,
                  ActivityPolicies.step(
                      "Read what the backend metered across regions for the reprotect of "
                          + plan.vm()))
              .bytesSentAcrossRegions(run),
          null);
    }
    return stub(
            MeteringActivities.class,
            ActivityPolicies.step(
                "Read what the backend metered "
                    + "for the reprotect of "
                    + plan.vm()
                    + ": across regions, and on each side"))
        .meters(run);
  }

  /** Syncs the disks in parallel; if one fails, the others stop at their next safe point. */
  private List<DiskSyncResult> syncDisks(ProtectionPlan plan, CutTaken cut) {
    List<Promise<DiskSyncResult>> syncs = new ArrayList<>();
    CancellationScope scope =
        Workflow.newCancellationScope(
            () -> {
              for (PlannedDisk disk : plan.disks()) {
                ActivityOptions options =
                    ActivityPolicies.sync(
                        (syncsChangedBlocks(disk)
                                ? "Changed-block sync of "
                                    + disk.name()
                                    + ": the blocks written on either side since the failover"
                                : "Initial sync of "
                                    + disk.name()
                                    + (disk.hasSeed() ? " against its seed" : " (full copy)"))
                            + ", "
                            + format(disk.sizeBytes()));
                if (longSteps) {
                  options =
                      ActivityOptions.newBuilder(options)
                          .setTaskQueue(TaskQueues.syncQueueOf(Workflow.getInfo().getTaskQueue()))
                          .build();
                }
                InitialSyncActivities sync = stub(InitialSyncActivities.class, options);
                BlobRef sourceCut =
                    cut == null
                        ? null
                        : cut.disks().stream()
                            .filter(snapshot -> snapshot.slot().equals(disk.slot()))
                            .findFirst()
                            .map(CutDisk::snapshot)
                            .orElseThrow(
                                () ->
                                    new IllegalStateException(
                                        "cut " + cut.cutId() + " has no disk " + disk.slot()));
                DiskSyncInput input =
                    new DiskSyncInput(
                        plan.vault(),
                        plan.vm(),
                        plan.sourceRegion(),
                        plan.targetRegion(),
                        disk,
                        sourceCut);
                if (syncsChangedBlocks(disk)) {
                  syncs.add(
                      Async.function(
                              sync::syncChangedBlocks,
                              new ChangedBlockSync(
                                  input, disk.sync().sourceBase(), disk.sync().replicaBase()))
                          .thenApply(
                              result -> {
                                changedBlockSyncs.put(disk.slot(), result);
                                return result.synced();
                              }));
                } else {
                  syncs.add(Async.function(sync::syncDisk, input));
                }
              }
            });
    scope.run();
    inFlight.addAll(syncs);
    try {
      Promise.allOf(syncs).get();
    } catch (ActivityFailure e) {
      scope.cancel();
      throw e;
    }
    return syncs.stream().map(Promise::get).toList();
  }

  private ProtectionSummary summary(
      ProtectionPlan plan,
      Map<String, Long> seedBytes,
      List<DiskSyncResult> synced,
      ReplicationStarted started,
      JobMeters meters) {
    List<ArtefactSummary> artefacts =
        plan.artefacts().stream()
            .map(
                a ->
                    new ArtefactSummary(
                        a.type().name(), a.role(), a.name(), a.region(), a.action()))
            .toList();
    Map<String, DiskSyncResult> bySlot =
        synced.stream().collect(Collectors.toMap(DiskSyncResult::slot, Function.identity()));
    List<DiskSummary> disks =
        plan.disks().stream()
            .map(
                disk -> {
                  DiskSyncResult result = bySlot.get(disk.slot());
                  ChangedBlockSyncResult changed = changedBlockSyncs.get(disk.slot());
                  return new DiskSummary(
                      disk.name(),
                      result.sizeBytes(),
                      result.allocatedBytes(),
                      seedBytes.getOrDefault(disk.slot(), 0L),
                      result.bytesTransferred(),
                      result.sourceChecksum(),
                      result.targetChecksum(),
                      changed != null
                          ? SyncChoice.SyncKind.ChangedBlocks.label()
                          : SyncChoice.SyncKind.FullCompare.label(),
                      disk.sync() == null ? null : disk.sync().reason(),
                      changed == null ? null : changed.meters(),
                      changed == null ? null : changed.bytesChanged());
                })
            .toList();
    return new ProtectionSummary(
        plan.vault(),
        plan.vm(),
        plan.sourceRegion(),
        plan.targetRegion(),
        "Protected",
        artefacts,
        disks,
        started.recoveryPoints(),
        job.elapsedMillis(),
        plan.digest(),
        meters.bytesSentAcrossRegions(),
        meters.costs());
  }

  private static String ensureSummary(PlannedArtefact artefact) {
    return (artefact.exists() ? "Reuse " : "Create ")
        + artefact.role()
        + " "
        + artefact.name()
        + " in "
        + artefact.region();
  }

  protected static <T> T stub(Class<T> activities, ActivityOptions options) {
    return Workflow.newActivityStub(activities, options);
  }
}
