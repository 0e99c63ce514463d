package dev.reprotect.workflows.replication;

import static dev.reprotect.workflows.ByteSizes.format;

import com.uber.m3.tally.Scope;
import dev.reprotect.activities.replication.AddReplicaDisk;
import dev.reprotect.activities.replication.CreateRecoveryPoint;
import dev.reprotect.activities.replication.CutTaken;
import dev.reprotect.activities.replication.CycleShipment;
import dev.reprotect.activities.replication.DeleteCut;
import dev.reprotect.activities.replication.DeleteRecoveryPoints;
import dev.reprotect.activities.replication.ItemProtection;
import dev.reprotect.activities.replication.ItemRef;
import dev.reprotect.activities.replication.ReplicaAdded;
import dev.reprotect.activities.replication.ReplicationCycleActivities;
import dev.reprotect.activities.replication.ShipCut;
import dev.reprotect.activities.replication.TakeCut;
import dev.reprotect.azure.ProtectionState;
import dev.reprotect.azure.RecoveryPointPruning;
import dev.reprotect.azure.RecoveryPointType;
import dev.reprotect.azure.ScrubRecord;
import dev.reprotect.workflows.ActivityPolicies;
import dev.reprotect.workflows.FailureCode;
import dev.reprotect.workflows.ReplicationSearchAttributes;
import dev.reprotect.workflows.ReprotectSearchAttributes;
import io.temporal.activity.ActivityCancellationType;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.SearchAttributeUpdate;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.CompletablePromise;
import io.temporal.workflow.ContinueAsNewOptions;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

public final class ReplicationWorkflowImpl implements ReplicationWorkflow {
  /** App-consistent points are off (0) or at least an hour apart, as in the reference product. */
  static final int MINIMUM_APP_CONSISTENT_MINUTES = 60;

  static final int RECENT_CYCLES = 20;

  /**
   * Version 1: the newest point's time is a search attribute, and a watchdog publishes the status
   * while a cycle runs.
   */
  static final String WALL_CLOCK_RPO = "wall-clock-rpo";

  /** Version 1: a stop cancels the shipment in progress instead of waiting for its end. */
  static final String STOP_CANCELS_THE_SHIPMENT = "stop-cancels-the-shipment";

  /**
   * Version 1: the cancelled shipment is awaited until it has stopped (it acknowledges at its next
   * heartbeat), so that the replication ends, and a failover goes on, only once nothing of it
   * writes to the replicas any more.
   */
  static final String STOP_WAITS_FOR_THE_SHIPMENT = "stop-waits-for-the-shipment";

  /**
   * Version 1: pruning keeps what a failover needs: the table prefers app-consistent points and
   * keeps only the newest at retention 0, and the points the backend kept (pinned by a failover or
   * a drill, or all while the item is claimed) stay in the list, to be pruned again later.
   */
  static final String KEEPS_WHAT_A_FAILOVER_NEEDS = "keeps-what-a-failover-needs";

  /**
   * Version 1: the shipment runs on the shipment queue ({@code TaskQueues.shipmentQueueOf}), so
   * that a fleet's shipments cannot take the slots of every item's short steps. A run started
   * before it ships on the workflow's queue until its continue-as-new.
   */
  static final String SHIPMENT_QUEUE = "replication-shipment-queue";

  /** What a cycle's record says of an app-consistent point the guest did not acknowledge. */
  static final String QUIESCE_UNACKNOWLEDGED =
      "An app-consistent point was due, but the guest did "
          + "not acknowledge the quiesce: the point is crash-consistent";

  private final ReplicationInput input;
  private final List<RecoveryPointInfo> points = new ArrayList<>();
  private final List<String> cutsToDelete = new ArrayList<>();
  private final List<ReplicationCycle> recentCycles = new ArrayList<>();
  private String lastCutId;
  private InFlightCut inFlight;
  private Instant lastAppConsistentTime;
  private ReplicationError lastError;

  /** The item's last scrub, as the last cycle read it: a mismatch makes the health Critical. */
  private ScrubRecord lastScrub;

  private long cyclesRun;
  private ReplicationState state = ReplicationState.Running;
  private String endReason;
  private boolean stopRequested;

  /** The last cycle completed a cut of an earlier cycle: the next one takes a fresh cut now. */
  private boolean catchUp;

  /** Whether this run publishes LastRecoveryPointTime and watches its cycles (WALL_CLOCK_RPO). */
  private boolean wallClockRpo;

  /** Whether this run prunes by KEEPS_WHAT_A_FAILOVER_NEEDS, or as the first table did. */
  private boolean keepsWhatAFailoverNeeds;

  /** Whether this run ships on the shipment queue (SHIPMENT_QUEUE). */
  private boolean shipsOnItsOwnQueue;

  /** Whether this run's stop waits for the cancelled shipment's end (STOP_WAITS_FOR_...). */
  private boolean stopWaitsForTheShipment;

  /** The scope of the shipment running now, which a stop cancels; null between shipments. */
  private CancellationScope runningShipment;

  /** A disk an {@code addDisk} update asked for, added before the next cycle; null when none. */
  private PendingAddition pendingAddition;

  /** This run awaits its handlers to continue as new: an addition would never be made. */
  private boolean continuingAsNew;

  private record PendingAddition(String diskName, CompletablePromise<ReplicaAdded> result) {}

  /**
   * Restores the run's state before any handler runs: a stop or a status query can arrive in the
   * first workflow task of a run (right after a continue-as-new), before {@link #replicate}.
   */
  @WorkflowInit
  public ReplicationWorkflowImpl(ReplicationInput input) {
    this.input = input;
    restore(input);
  }

  @Override
  public ReplicationStatus replicate(ReplicationInput input) {
    refuseInvalidPolicy(input);
    wallClockRpo = Workflow.getVersion(WALL_CLOCK_RPO, Workflow.DEFAULT_VERSION, 1) == 1;
    keepsWhatAFailoverNeeds =
        Workflow.getVersion(KEEPS_WHAT_A_FAILOVER_NEEDS, Workflow.DEFAULT_VERSION, 1) == 1;
    stopWaitsForTheShipment =
        Workflow.getVersion(STOP_WAITS_FOR_THE_SHIPMENT, Workflow.DEFAULT_VERSION, 1) == 1;
    shipsOnItsOwnQueue = Workflow.getVersion(SHIPMENT_QUEUE, Workflow.DEFAULT_VERSION, 1) == 1;
    publish();
    for (int cyclesThisRun = 0; ; cyclesThisRun++) {
      // A pending stop wins over the continue-as-new: its handler waits for this run to end, so
      // waiting for every handler to finish first would wait for ever.
      if (!stopRequested
          && (cyclesThisRun == input.cyclesPerRun()
              || Workflow.getInfo().isContinueAsNewSuggested())) {
        // An addition's handler waits for this loop: add the disk first, and admit no other.
        addPendingDisk();
        continuingAsNew = true;
        Workflow.await(Workflow::isEveryHandlerFinished);
        Workflow.continueAsNew(
            ContinueAsNewOptions.newBuilder()
                .setTypedSearchAttributes(Workflow.getTypedSearchAttributes())
                .build(),
            next());
      }
      if (!awaitNextMark()) {
        return end(ReplicationState.Stopped, "Stopped on request");
      }
      String protection = wallClockRpo ? watchedCycle() : cycle();
      if (protection != null) {
        return end(ReplicationState.Ended, input.vm() + " is " + protection + ", not Protected");
      }
    }
  }

  @Override
  public ReplicationStatus status() {
    ReplicationCycle last =
        recentCycles.isEmpty() ? null : recentCycles.get(recentCycles.size() - 1);
    return new ReplicationStatus(
            input.vault(),
            input.vm(),
            state,
            null,
            null,
            last,
            List.copyOf(recentCycles),
            List.copyOf(points),
            lastError,
            cyclesRun,
            lastScrub)
        .at(now());
  }

  /**
   * A failover waits on this stop: a running shipment (minutes, up to its 2-hour bound) is
   * cancelled, and acknowledges at its next heartbeat; its cut stays in flight, unshipped.
   */
  @Override
  public ReplicationStatus stop() {
    stopRequested = true;
    if (runningShipment != null
        && Workflow.getVersion(STOP_CANCELS_THE_SHIPMENT, Workflow.DEFAULT_VERSION, 1) == 1) {
      runningShipment.cancel("The replication is stopping");
    }
    Workflow.await(() -> state != ReplicationState.Running);
    return status();
  }

  @Override
  public ReplicaAdded addDisk(String diskName) {
    pendingAddition = new PendingAddition(diskName, Workflow.newPromise());
    return pendingAddition.result().get();
  }

  @Override
  public void validateAddDisk(String diskName) {
    if (diskName == null || diskName.isBlank()) {
      throw new IllegalArgumentException("name the disk to add");
    }
    if (stopRequested || continuingAsNew || state != ReplicationState.Running) {
      throw new IllegalStateException(
          "The replication of "
              + input.vm()
              + " is "
              + (state == ReplicationState.Running ? "ending this run" : state)
              + ": no disk can be added to it now");
    }
    if (pendingAddition != null) {
      throw new IllegalStateException(
          "disk "
              + pendingAddition.diskName()
              + " is being added to"
              + " the replication of "
              + input.vm()
              + "; add the next one after it");
    }
  }

  /**
   * Waits for the item's next mark, adding the disks asked for meanwhile (between two cycles, when
   * no shipment runs); false when a stop came instead.
   */
  private boolean awaitNextMark() {
    while (true) {
      addPendingDisk();
      Duration wait =
          catchUp ? Duration.ZERO : untilNextMark(input.cycleInterval(), input.cycleOffset());
      if (!wait.isZero()) {
        Workflow.await(wait, () -> stopRequested || pendingAddition != null);
      }
      if (stopRequested) {
        return false;
      }
      if (pendingAddition == null) {
        return true;
      }
    }
  }

  /** The disk an {@code addDisk} update waits on, replicated as the replicas' last cut holds it. */
  private void addPendingDisk() {
    if (pendingAddition == null) {
      return;
    }
    PendingAddition adding = pendingAddition;
    try {
      adding
          .result()
          .complete(
              Workflow.newActivityStub(
                      ReplicationCycleActivities.class,
                      ActivityPolicies.shipmentOnItsOwnQueue(
                          String.format(
                              "Add disk %s of %s to its " + "replication, as cut %s holds it",
                              adding.diskName(), input.vm(), lastCutId)))
                  .addReplicaDisk(
                      new AddReplicaDisk(input.vault(), input.vm(), adding.diskName(), lastCutId)));
    } catch (ActivityFailure failure) {
      adding.result().completeExceptionally(failure);
    } finally {
      pendingAddition = null;
    }
  }

  @Override
  public void validateStop() {
    if (stopRequested || state != ReplicationState.Running) {
      throw new IllegalStateException(
          "The replication of "
              + input.vm()
              + " is "
              + (state == ReplicationState.Running ? "already stopping" : state));
    }
  }

  /**
   * One cycle; returns the item's protection state when it is no longer Protected, else null. A
   * failed activity fails the cycle, never the workflow: the error is recorded and the next cycle
   * resumes the cut in flight.
   */
  private String cycle() {
    Instant start = now();
    long number = cyclesRun + 1;
    CycleShipment shipment = new CycleShipment(0, 0, 0, 0);
    String pointId = null;
    int pruned = 0;
    catchUp = false;
    try {
      ItemProtection item =
          activities("Check that " + input.vm() + " is still Protected")
              .itemProtection(new ItemRef(input.vault(), input.vm()));
      lastScrub = item.lastScrub();
      String protection = item.protectionState();
      if (!ProtectionState.Protected.name().equals(protection)) {
        return protection;
      }
      cyclesRun = number;
      if (inFlight == null) {
        inFlight = takeCut(number, start);
      }
      if (!inFlight.shipped()) {
        shipment = ship(new ShipCut(input.vault(), input.vm(), lastCutId, inFlight.cutId()));
        if (lastCutId != null) {
          cutsToDelete.add(lastCutId);
        }
        lastCutId = inFlight.cutId();
        inFlight = inFlight.asShipped();
      }
      pointId = createRecoveryPoint(inFlight);
      catchUp = inFlight.time().isBefore(start);
      String note =
          Stream.of(
                  inFlight.quiesceUnacknowledged() ? QUIESCE_UNACKNOWLEDGED : null,
                  shipment.diskSetChange())
              .filter(Objects::nonNull)
              .reduce((first, second) -> first + "; " + second)
              .orElse(null);
      inFlight = null;
      deleteCuts();
      pruned = prune(start);
      record(
          new ReplicationCycle(
              number,
              start,
              now(),
              true,
              lastCutId,
              pointId,
              shipment.blocksChanged(),
              shipment.bytesStaged(),
              shipment.bytesShipped(),
              shipment.blocksRepaired(),
              pruned,
              null,
              null,
              note,
              shipment.diskSetChange() == null ? null : ReplicationCycle.DISK_SET_CHANGED));
    } catch (ActivityFailure failure) {
      cyclesRun = number;
      String cause;
      String code = null;
      if (stopRequested && failure.getCause() instanceof CanceledFailure) {
        cause = "Stopped during the shipment of " + inFlight.cutId() + ", which stays unshipped";
      } else {
        lastError = error(number, failure);
        cause = lastError.activity() + ": " + lastError.message();
        code = lastError.type();
      }
      record(
          new ReplicationCycle(
              number,
              start,
              now(),
              false,
              inFlight == null ? null : inFlight.cutId(),
              pointId,
              shipment.blocksChanged(),
              shipment.bytesStaged(),
              shipment.bytesShipped(),
              shipment.blocksRepaired(),
              pruned,
              cause,
              code,
              null,
              null));
    }
    return null;
  }

  private CycleShipment ship(ShipCut request) {
    String summary =
        String.format(
            "Ship the blocks of %s changed since %s to %s",
            request.cutId(),
            request.baseCutId() == null ? "nothing (full copy)" : request.baseCutId(),
            input.targetRegion());
    ActivityOptions options =
        shipsOnItsOwnQueue
            ? ActivityPolicies.shipmentOnItsOwnQueue(summary)
            : ActivityPolicies.shipment(summary);
    if (stopWaitsForTheShipment) {
      options =
          options.toBuilder()
              .setCancellationType(ActivityCancellationType.WAIT_CANCELLATION_COMPLETED)
              .build();
    }
    ReplicationCycleActivities activities =
        Workflow.newActivityStub(ReplicationCycleActivities.class, options);
    CycleShipment[] shipped = new CycleShipment[1];
    runningShipment = Workflow.newCancellationScope(() -> shipped[0] = activities.shipCut(request));
    try {
      runningShipment.run();
    } finally {
      runningShipment = null;
    }
    return shipped[0];
  }

  /**
   * A cycle, while a watchdog publishes the status again at every interval: RPO and health keep
   * growing in the search attributes, the gauges and the Web UI while a shipment hangs.
   */
  private String watchedCycle() {
    Promise<String> cycle = Async.function(this::cycle);
    CancellationScope watchdog =
        Workflow.newCancellationScope(
            () -> {
              while (true) {
                Workflow.sleep(input.cycleInterval());
                publish();
              }
            });
    // Cancelled when the cycle ends, its normal end: handled, or the SDK logs every one of them
    // as a failure nobody read when the run's workflow leaves the worker's cache.
    Async.procedure(watchdog::run).exceptionally(cancelled -> null);
    try {
      return cycle.get();
    } finally {
      watchdog.cancel();
    }
  }

  private InFlightCut takeCut(long number, Instant time) {
    String cutId = input.runTag() + ".c" + number;
    boolean appConsistent = appConsistentDue(time);
    CutTaken cut =
        activities(
                (appConsistent ? "Take an app-consistent cut " : "Take cut ")
                    + cutId
                    + " of "
                    + input.vm())
            .takeCut(new TakeCut(input.vault(), input.vm(), cutId, appConsistent));
    return new InFlightCut(
        number, cutId, time, cut.appConsistent(), false, cut.quiesceUnacknowledged());
  }

  private String createRecoveryPoint(InFlightCut cut) {
    String pointId = input.runTag() + ".p" + cut.number();
    RecoveryPointType type =
        cut.appConsistent() ? RecoveryPointType.AppConsistent : RecoveryPointType.CrashConsistent;
    activities("Create " + type + " recovery point " + pointId + " from " + cut.cutId())
        .createRecoveryPoint(
            new CreateRecoveryPoint(input.vault(), input.vm(), pointId, type, cut.cutId()));
    points.add(new RecoveryPointInfo(pointId, cut.time(), type, cut.cutId()));
    if (cut.appConsistent()) {
      lastAppConsistentTime = cut.time();
    }
    return pointId;
  }

  /** Cuts no replica needs as a base; one that fails to go stays for the next cycle. */
  private void deleteCuts() {
    while (!cutsToDelete.isEmpty()) {
      String cutId = cutsToDelete.get(0);
      activities("Delete cut " + cutId + ", no longer the replicas' base")
          .deleteCut(new DeleteCut(input.vault(), input.vm(), cutId));
      cutsToDelete.remove(0);
    }
  }

  /**
   * Runs only after a new point was made: while none can be, old points are kept. The list keeps
   * what the backend kept, so that it and the vault agree; the next cycles ask again.
   */
  private int prune(Instant now) {
    List<RecoveryPointInfo> expired =
        keepsWhatAFailoverNeeds
            ? RecoveryPointRetention.expired(points, now, input.retentionDays())
            : RecoveryPointRetention.firstTable(points, now, input.retentionDays());
    if (expired.isEmpty()) {
      return 0;
    }
    List<String> ids = expired.stream().map(RecoveryPointInfo::id).toList();
    RecoveryPointPruning pruning =
        activities(
                String.format(
                    "Prune %d recovery points beyond the %d-day retention",
                    ids.size(), input.retentionDays()))
            .deleteRecoveryPoints(new DeleteRecoveryPoints(input.vault(), input.vm(), ids));
    Set<String> gone = new HashSet<>(keepsWhatAFailoverNeeds ? pruning.deleted() : ids);
    if (keepsWhatAFailoverNeeds && !pruning.kept().isEmpty()) {
      Workflow.getLogger(ReplicationWorkflowImpl.class)
          .info(
              "{} kept {} of the points pruned:" + " {}",
              input.vm(),
              pruning.kept(),
              pruning.keptBecause());
    }
    points.removeIf(point -> gone.contains(point.id()));
    return gone.size();
  }

  private boolean appConsistentDue(Instant now) {
    int minutes = input.appConsistentFrequencyMinutes();
    return minutes > 0
        && (lastAppConsistentTime == null
            || Duration.between(lastAppConsistentTime, now).toMinutes() >= minutes);
  }

  private void record(ReplicationCycle cycle) {
    recentCycles.add(cycle);
    if (recentCycles.size() > RECENT_CYCLES) {
      recentCycles.remove(0);
    }
    Workflow.getMetricsScope()
        .tagged(Map.of("type", "Replication"))
        .counter("reprotect_bytes_sent_across_regions")
        .inc(cycle.bytesShipped());
    publish();
  }

  private ReplicationStatus end(ReplicationState outcome, String reason) {
    if (pendingAddition != null) {
      pendingAddition
          .result()
          .completeExceptionally(
              ApplicationFailure.newFailure(
                  "the replication of "
                      + input.vm()
                      + " stopped before disk "
                      + pendingAddition.diskName()
                      + " was added",
                  "ReplicationNotRunning"));
      pendingAddition = null;
    }
    state = outcome;
    endReason = reason;
    publish();
    Workflow.await(Workflow::isEveryHandlerFinished);
    return status();
  }

  /**
   * The search attributes, the current details of the Web UI and the item's RPO and health gauges
   * (a metric is no command, and is not emitted while a history replays).
   */
  private void publish() {
    ReplicationStatus status = status();
    Scope item =
        Workflow.getMetricsScope().tagged(Map.of("vault", input.vault(), "vm", input.vm()));
    Optional<RecoveryPointInfo> newest = status.newestPoint();
    if (status.rpoSeconds() != null) {
      item.gauge("reprotect_replication_rpo_seconds").update(status.rpoSeconds());
    }
    // What a stalled replication cannot keep current itself: alert on time() minus this.
    newest.ifPresent(
        point ->
            item.gauge("reprotect_replication_last_point_time_seconds")
                .update(point.time().getEpochSecond()));
    for (ReplicationHealth health : ReplicationHealth.values()) {
      item.tagged(Map.of("health", health.name()))
          .gauge("reprotect_replication_health")
          .update(health == status.health() ? 1 : 0);
    }
    List<SearchAttributeUpdate<?>> updates =
        new ArrayList<>(
            List.of(
                ReprotectSearchAttributes.VM_NAME.valueSet(input.vm()),
                ReprotectSearchAttributes.VAULT.valueSet(input.vault()),
                status.rpoSeconds() == null
                    ? ReplicationSearchAttributes.RPO_SECONDS.valueUnset()
                    : ReplicationSearchAttributes.RPO_SECONDS.valueSet(status.rpoSeconds()),
                ReplicationSearchAttributes.REPLICATION_HEALTH.valueSet(status.health().name())));
    if (wallClockRpo) {
      updates.add(
          newest
              .map(
                  point ->
                      ReplicationSearchAttributes.LAST_RECOVERY_POINT_TIME.valueSet(
                          point.time().atOffset(ZoneOffset.UTC)))
              .orElse(ReplicationSearchAttributes.LAST_RECOVERY_POINT_TIME.valueUnset()));
    }
    Workflow.upsertTypedSearchAttributes(updates.toArray(SearchAttributeUpdate<?>[]::new));
    Workflow.setCurrentDetails(details(status));
  }

  private String details(ReplicationStatus status) {
    String heading =
        state == ReplicationState.Running
            ? String.format(
                "**Replicating** %s: %s -> %s, **%s**",
                input.vm(), input.sourceRegion(), input.targetRegion(), status.health())
            : String.format("**%s**: %s", state, endReason);
    ReplicationCycle last = status.lastCycle();
    String lastCycle =
        last == null
            ? "none yet"
            : last.succeeded()
                ? String.format(
                    "#%d: %d blocks, %s shipped, point %s",
                    last.number(),
                    last.blocksChanged(),
                    format(last.bytesShipped()),
                    last.pointId())
                : String.format("#%d failed: %s", last.number(), last.error());
    return String.format(
        "%s%n%n| RPO | Recovery points | Last cycle | Cycles |%n"
            + "|---|---|---|---|%n| %s | %d | %s | %d |",
        heading,
        status.rpoSeconds() == null
            ? "none"
            : Duration.ofSeconds(status.rpoSeconds()).toString().substring(2).toLowerCase(),
        status.points().size(),
        lastCycle.replace("|", "/"),
        status.cyclesRun());
  }

  private void restore(ReplicationInput input) {
    points.addAll(input.points());
    lastCutId = input.lastCutId();
    ReplicationCarry carry = input.carry();
    if (carry == null) {
      lastAppConsistentTime =
          input.points().stream()
              .filter(p -> p.type() == RecoveryPointType.AppConsistent)
              .map(RecoveryPointInfo::time)
              .max(Comparator.naturalOrder())
              .orElse(null);
      return;
    }
    cyclesRun = carry.cyclesRun();
    lastAppConsistentTime = carry.lastAppConsistentTime();
    inFlight = carry.inFlight();
    cutsToDelete.addAll(carry.cutsToDelete());
    recentCycles.addAll(carry.recentCycles());
    lastError = carry.lastError();
    catchUp = carry.catchUp();
    lastScrub = carry.lastScrub();
  }

  private ReplicationInput next() {
    return new ReplicationInput(
        input.vault(),
        input.vm(),
        input.sourceRegion(),
        input.targetRegion(),
        input.runTag(),
        input.retentionDays(),
        input.appConsistentFrequencyMinutes(),
        lastCutId,
        points,
        new ReplicationCarry(
            cyclesRun,
            lastAppConsistentTime,
            inFlight,
            cutsToDelete,
            recentCycles,
            lastError,
            catchUp,
            lastScrub),
        input.cyclesPerRun(),
        input.cycleIntervalSeconds(),
        input.cycleOffsetSeconds());
  }

  private static void refuseInvalidPolicy(ReplicationInput input) {
    int retention = input.retentionDays();
    int frequency = input.appConsistentFrequencyMinutes();
    if (retention < 0
        || retention > RecoveryPointRetention.MAX_RETENTION_DAYS
        || (frequency != 0 && frequency < MINIMUM_APP_CONSISTENT_MINUTES)
        || input.cyclesPerRun() < 1) {
      throw ApplicationFailure.newNonRetryableFailure(
          String.format(
              "retention %d days (0 to %d), app-consistent frequency %d minutes (0 = off, or at "
                  + "least %d), %d cycles per run (at least 1)",
              retention,
              RecoveryPointRetention.MAX_RETENTION_DAYS,
              frequency,
              MINIMUM_APP_CONSISTENT_MINUTES,
              input.cyclesPerRun()),
          "InvalidReplicationPolicy");
    }
  }

  private static ReplicationError error(long cycle, ActivityFailure failure) {
    FailureCode code = FailureCode.of(failure.getCause() == null ? failure : failure.getCause());
    return new ReplicationError(
        cycle, now(), failure.getActivityType(), code.code(), code.message());
  }

  /**
   * The time from now to the item's next mark: every 5 minutes in the product, {@code offset} after
   * the clock's.
   */
  private static Duration untilNextMark(Duration every, Duration offset) {
    long now = Workflow.currentTimeMillis() - offset.toMillis();
    long interval = every.toMillis();
    return Duration.ofMillis((Math.floorDiv(now, interval) + 1) * interval - now);
  }

  /**
   * Workflow time to the second: cycles fire on the marks, so points and ages are whole multiples
   * of the interval and the retention's inclusive bounds are exact.
   */
  private static Instant now() {
    return Instant.ofEpochSecond(Math.floorDiv(Workflow.currentTimeMillis(), 1000));
  }

  private static ReplicationCycleActivities activities(String summary) {
    return Workflow.newActivityStub(
        ReplicationCycleActivities.class, ActivityPolicies.cycleStep(summary));
  }
}
