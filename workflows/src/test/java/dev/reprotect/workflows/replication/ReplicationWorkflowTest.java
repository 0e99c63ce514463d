package dev.reprotect.workflows.replication;

import static dev.reprotect.workflows.replication.ReplicationFixture.START;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reprotect.activities.replication.DeleteRecoveryPoints;
import dev.reprotect.activities.replication.ReplicaAdded;
import dev.reprotect.activities.replication.ShipCut;
import dev.reprotect.activities.replication.TakeCut;
import dev.reprotect.azure.RecoveryPointType;
import dev.reprotect.workflows.HistoryReplays;
import dev.reprotect.workflows.ReplicationSearchAttributes;
import dev.reprotect.workflows.ReprotectSearchAttributes;
import dev.reprotect.workflows.TaskQueues;
import dev.reprotect.workflows.WorkflowIds;
import io.temporal.client.UpdateOptions;
import io.temporal.client.WithStartWorkflowOperation;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.client.WorkflowUpdateHandle;
import io.temporal.client.WorkflowUpdateStage;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReplicationWorkflowTest {
  @RegisterExtension static final TestWorkflowExtension temporal = ReplicationFixture.temporal();

  /** Far beyond a stop's seconds; a deadlocked stop never answers. */
  private static final Duration STOP_BOUND = Duration.ofMinutes(1);

  /**
   * Points are made at 00:00 (the first, by reprotect), then every 5 minutes on the marks; the
   * counts below follow from the table. At 1 h all 13 are younger than 2 h. Past 2 h the last 2
   * hours always hold 25 (ages 0 to 120 min, both ends included). Beyond them, with retention 1 day
   * the newest point of each clock hour is the one at hh:55: at 6 h, 00:55 to 03:55 (4); at 26 h
   * and at 72 h, those aged 2h05 to 23h05 (22). With 7 days, the newest of each 2-hour bucket is at
   * (odd hour):55: at 6 h, 01:55 and 03:55 (2); at 26 h, 01:55 to 23:55 (12); at 72 h, 01:55 to
   * 69:55 (35). Retention 0 keeps the newest point only: 1 at every instant, each cycle's prune
   * deleting the point of the cycle before. Every point is crash-consistent here, so a bucket's
   * newest is its choice.
   */
  @ParameterizedTest(name = "retention {0} days")
  @CsvSource({"0, 1, 1, 1, 1", "1, 13, 29, 47, 47", "7, 13, 27, 37, 60"})
  void threeDaysOfCyclesKeepThePointsOfThePruningTable(
      int retentionDays,
      int at1h,
      int at6h,
      int at26h,
      int at72h,
      TestWorkflowEnvironment env,
      Worker worker) {
    ReplicationFixture fixture = new ReplicationFixture(env, worker);
    String vm = "r" + retentionDays;
    fixture.start(ReplicationFixture.input(vm, retentionDays, 0));
    Map<Duration, Integer> expected =
        Map.of(
            Duration.ofHours(1),
            at1h,
            Duration.ofHours(6),
            at6h,
            Duration.ofHours(26),
            at26h,
            Duration.ofHours(72),
            at72h);
    for (Duration instant : expected.keySet().stream().sorted().toList()) {
      fixture.advanceTo(instant.plusMinutes(2));
      int count = expected.get(instant);
      assertThat(fixture.backend.points(vm)).as("%s at %s", vm, instant).hasSize(count);
      ReplicationStatus status = fixture.workflow(vm).status();
      assertThat(status.points()).as("%s at %s", vm, instant).hasSize(count);
      assertThat(status.cyclesRun()).isEqualTo(instant.toMinutes() / 5);
      assertThat(status.health()).isEqualTo(ReplicationHealth.Healthy);
      // Only the replicas' base remains; every older cut was deleted.
      assertThat(fixture.backend.cuts(vm)).containsExactly(vm + ".c" + instant.toMinutes() / 5);
    }
    if (retentionDays == 1) {
      // 00:00 and 00:05 went by 02:05; 47:55 (24h05 old) is past the day, 48:55 the oldest kept.
      assertThat(fixture.backend.points(vm))
          .extracting(FakeReplicationActivities.Point::id)
          .doesNotContain("r1.p0", "r1.p1")
          .doesNotContain("r1.p575")
          .contains("r1.p587");
    }
  }

  @Test
  void aTargetOutageOf61MinutesIsCriticalKeepsThePointsAndRecovers(
      TestWorkflowEnvironment env, Worker worker) {
    ReplicationFixture fixture = new ReplicationFixture(env, worker);
    Instant outage = START.plus(Duration.ofHours(2));
    fixture.backend.targetOutage(outage, outage.plus(Duration.ofMinutes(61)));
    ReplicationWorkflow workflow = fixture.start(ReplicationFixture.input("web-01", 1, 0));

    fixture.advanceTo(Duration.ofMinutes(150));
    ReplicationStatus meanwhile = workflow.status();
    assertThat(meanwhile.health()).isEqualTo(ReplicationHealth.Warning);
    assertThat(meanwhile.lastCycle().succeeded()).isFalse();
    assertThat(meanwhile.lastError().activity()).isEqualTo("ShipCut");
    assertThat(meanwhile.lastError().type()).isEqualTo("RegionUnavailable");
    int pointsBefore = meanwhile.points().size();

    fixture.advanceTo(Duration.ofMinutes(180).plusSeconds(50));
    ReplicationStatus critical = workflow.status();
    assertThat(critical.health()).isEqualTo(ReplicationHealth.Critical);
    assertThat(critical.rpoSeconds()).isGreaterThanOrEqualTo(Duration.ofMinutes(65).toSeconds());
    assertThat(critical.points()).hasSize(pointsBefore);
    assertThat(fixture.backend.calls("web-01", "deleteRecoveryPoints"))
        .noneMatch(
            call ->
                !call.time().isBefore(outage)
                    && call.time().isBefore(START.plus(Duration.ofMinutes(181))));

    fixture.advanceTo(Duration.ofMinutes(187));
    ReplicationStatus after = workflow.status();
    assertThat(after.health()).isEqualTo(ReplicationHealth.Healthy);
    assertThat(after.rpoSeconds()).isLessThan(Duration.ofMinutes(5).toSeconds());
    // The cut of 02:00, shipped once the region was back, is a point; a fresh one followed.
    assertThat(after.points()).extracting(RecoveryPointInfo::id).contains("web-01.p24");
    assertThat(after.recentCycles()).filteredOn(c -> !c.succeeded()).hasSize(13);
    // Every shipment of the outage retried the same cut against the same base.
    assertThat(fixture.backend.calls("web-01", "shipCut"))
        .filteredOn(call -> call.time().isBefore(START.plus(Duration.ofMinutes(181))))
        .filteredOn(call -> !call.time().isBefore(outage))
        .extracting(call -> ((ShipCut) call.request()).cutId())
        .containsOnly("web-01.c24");
  }

  @Test
  void continueAsNewKeepsTheRpoThePointsAndTheSearchAttributes(
      TestWorkflowEnvironment env, Worker worker) {
    ReplicationFixture fixture = new ReplicationFixture(env, worker);
    ReplicationInput first = ReplicationFixture.input("web-01", 1, 0);
    ReplicationWorkflow workflow =
        fixture.start(
            new ReplicationInput(
                first.vault(),
                first.vm(),
                first.sourceRegion(),
                first.targetRegion(),
                first.runTag(),
                first.retentionDays(),
                first.appConsistentFrequencyMinutes(),
                first.lastCutId(),
                first.points(),
                null,
                10,
                0,
                0));

    fixture.advanceTo(Duration.ofMinutes(49));
    ReplicationStatus before = workflow.status();
    fixture.advanceTo(Duration.ofMinutes(52));
    ReplicationStatus after = workflow.status();

    WorkflowStub stub =
        env.getWorkflowClient()
            .newUntypedWorkflowStub(WorkflowIds.replication(ReplicationFixture.VAULT, "web-01"));
    WorkflowExecutionDescription description = stub.describe();
    assertThat(description.getExecution().getRunId()).isNotEqualTo(description.getFirstRunId());
    assertThat(after.cyclesRun()).isEqualTo(10);
    assertThat(after.points()).hasSize(11);
    assertThat(after.points())
        .extracting(RecoveryPointInfo::id)
        .containsExactlyElementsOf(
            fixture.backend.points("web-01").stream()
                .map(FakeReplicationActivities.Point::id)
                .toList());
    assertThat(after.points()).containsAll(before.points().subList(0, 10));
    assertThat(after.rpoSeconds()).isNotNull().isLessThan(Duration.ofMinutes(5).toSeconds());
    assertThat(after.health()).isEqualTo(ReplicationHealth.Healthy);
    assertThat(description.getTypedSearchAttributes().get(ReprotectSearchAttributes.VM_NAME))
        .isEqualTo("web-01");
    assertThat(
            description
                .getTypedSearchAttributes()
                .get(ReplicationSearchAttributes.REPLICATION_HEALTH))
        .isEqualTo("Healthy");
    assertThat(description.getTypedSearchAttributes().get(ReplicationSearchAttributes.RPO_SECONDS))
        .isNotNull();

    fixture.advanceTo(Duration.ofMinutes(56));
    assertThat(workflow.status().lastCycle().number()).isEqualTo(11);
    assertThat(fixture.backend.calls("web-01", "shipCut"))
        .last()
        .extracting(call -> ((ShipCut) call.request()).baseCutId())
        .isEqualTo("web-01.c10");
  }

  /**
   * The shipments run on the shipment queue of the replication's queue: one that lasts holds a slot
   * of that queue, never one of the short steps'.
   */
  @Test
  void theShipmentsRunOnTheShipmentQueueOfTheReplicationsQueue(
      TestWorkflowEnvironment env, Worker worker) {
    String shipmentQueue = TaskQueues.shipmentQueueOf(worker.getTaskQueue());
    ReplicationFixture fixture = new ReplicationFixture(env, worker);
    fixture.start(ReplicationFixture.input("web-01", 1, 0));
    fixture.advanceTo(Duration.ofMinutes(12));

    assertThat(fixture.backend.shipmentQueues())
        .as("the shipments of 00:05 and 00:10")
        .containsExactly(shipmentQueue, shipmentQueue);
  }

  /**
   * A failover waits on the stop: the shipment running when it comes is cancelled (it acknowledges
   * at its next heartbeat) instead of being waited for, and its cut stays unshipped.
   */
  @Test
  void aStopCancelsTheRunningShipmentAndASecondStopIsRefused(
      TestWorkflowEnvironment env, Worker worker) throws Exception {
    ReplicationFixture fixture = new ReplicationFixture(env, worker);
    fixture.start(ReplicationFixture.input("web-01", 1, 0));
    Thread advance = fixture.holdTheThirdShipment(fixture.backend::holdShipments);

    WorkflowStub stub = WorkflowStub.fromTyped(fixture.workflow("web-01"));
    WorkflowUpdateHandle<ReplicationStatus> stop =
        stub.startUpdate("stop", WorkflowUpdateStage.ACCEPTED, ReplicationStatus.class);
    assertThatThrownBy(() -> fixture.workflow("web-01").stop())
        .isInstanceOf(WorkflowUpdateException.class)
        .hasStackTraceContaining("already stopping");

    // The held shipment is never released: only its cancellation ends it.
    ReplicationStatus stopped = stop.getResultAsync().get(STOP_BOUND.toSeconds(), SECONDS);
    advance.join();
    assertThat(stopped.state()).isEqualTo(ReplicationState.Stopped);
    assertThat(stopped.cyclesRun()).isEqualTo(3);
    assertThat(stopped.lastCycle().succeeded()).isFalse();
    assertThat(stopped.lastCycle().error()).contains("Stopped during the shipment of web-01.c3");
    assertThat(stopped.lastError()).as("a stop is no error").isNull();
    assertThat(stopped.points())
        .extracting(RecoveryPointInfo::id)
        .containsExactly("web-01.p0", "web-01.p1", "web-01.p2");
    assertThat(fixture.backend.points("web-01")).hasSize(3);
    assertThat(stub.getResult(ReplicationStatus.class).state()).isEqualTo(ReplicationState.Stopped);
    HistoryReplays.record(
        env.getWorkflowClient(),
        stub.getExecution().getWorkflowId(),
        "replication-stop-cancels-the-shipment");
  }

  @Test
  void aStopDuringTheLastCycleOfARunEndsItInsteadOfContinuingAsNew(
      TestWorkflowEnvironment env, Worker worker) throws Exception {
    ReplicationFixture fixture = new ReplicationFixture(env, worker);
    ReplicationWorkflow workflow =
        fixture.start(withCyclesPerRun(ReplicationFixture.input("web-01", 1, 0), 3));
    Thread advance = fixture.holdTheThirdShipment(fixture.backend::holdShipmentsInAHungCall);

    WorkflowStub stub = WorkflowStub.fromTyped(workflow);
    WorkflowUpdateHandle<ReplicationStatus> stop =
        stub.startUpdate("stop", WorkflowUpdateStage.ACCEPTED, ReplicationStatus.class);
    fixture.backend.releaseShipment();

    ReplicationStatus stopped = stop.getResultAsync().get(STOP_BOUND.toSeconds(), SECONDS);
    advance.join();
    assertThat(stopped.state()).isEqualTo(ReplicationState.Stopped);
    assertThat(stopped.cyclesRun()).isEqualTo(3);
    assertThat(stopped.lastCycle().pointId()).isEqualTo("web-01.p3");
    WorkflowExecutionDescription description = stub.describe();
    assertThat(description.getExecution().getRunId())
        .as("no continue-as-new")
        .isEqualTo(description.getFirstRunId());
    assertThat(stub.getResult(ReplicationStatus.class).state()).isEqualTo(ReplicationState.Stopped);
    HistoryReplays.record(
        env.getWorkflowClient(),
        stub.getExecution().getWorkflowId(),
        "replication-stop-in-last-cycle-of-run");
  }

  /**
   * A stop delivered with the first workflow task of a run (as after a continue-as-new) finds the
   * run's state restored by the constructor, before any handler runs. (SDK 1.38 starts the workflow
   * method before the handlers of the first task, so the old code, which set its input there,
   * passed this too; the constructor makes it a guarantee rather than an ordering.)
   */
  @Test
  void aStopInTheFirstTaskOfARunIsAcceptedAndSeesTheCarriedState(
      TestWorkflowEnvironment env, Worker worker) throws Exception {
    ReplicationFixture fixture = new ReplicationFixture(env, worker);
    ReplicationInput first = ReplicationFixture.input("web-01", 1, 0);
    ReplicationInput continued =
        new ReplicationInput(
            first.vault(),
            first.vm(),
            first.sourceRegion(),
            first.targetRegion(),
            first.runTag(),
            first.retentionDays(),
            first.appConsistentFrequencyMinutes(),
            first.lastCutId(),
            first.points(),
            new ReplicationCarry(7, null, null, List.of(), List.of(), null, false, null),
            ReplicationInput.DEFAULT_CYCLES_PER_RUN,
            0,
            0);
    ReplicationWorkflow workflow = fixture.protect(continued);

    WorkflowUpdateHandle<ReplicationStatus> stop =
        WorkflowClient.startUpdateWithStart(
            workflow::stop,
            UpdateOptions.<ReplicationStatus>newBuilder()
                .setWaitForStage(WorkflowUpdateStage.ACCEPTED)
                .build(),
            new WithStartWorkflowOperation<>(workflow::replicate, continued));

    ReplicationStatus stopped = stop.getResultAsync().get(STOP_BOUND.toSeconds(), SECONDS);
    assertThat(stopped.state()).isEqualTo(ReplicationState.Stopped);
    assertThat(stopped.cyclesRun()).as("carried from the previous run").isEqualTo(7);
    assertThat(stopped.points()).extracting(RecoveryPointInfo::id).containsExactly("web-01.p0");
    assertThat(fixture.backend.calls("web-01", "takeCut")).isEmpty();
    HistoryReplays.record(
        env.getWorkflowClient(),
        WorkflowIds.replication(continued.vault(), continued.vm()),
        "replication-stop-in-first-task");
  }

  private static ReplicationInput withCyclesPerRun(ReplicationInput input, int cyclesPerRun) {
    return new ReplicationInput(
        input.vault(),
        input.vm(),
        input.sourceRegion(),
        input.targetRegion(),
        input.runTag(),
        input.retentionDays(),
        input.appConsistentFrequencyMinutes(),
        input.lastCutId(),
        input.points(),
        input.carry(),
        cyclesPerRun,
        input.cycleIntervalSeconds(),
        input.cycleOffsetSeconds());
  }

  @Test
  void aFirstPointTakenLaterInTheSameSecondIsNoMoreThanZeroSecondsOld(
      TestWorkflowEnvironment env, Worker worker) {
    ReplicationFixture fixture = new ReplicationFixture(env, worker);
    ReplicationInput first = ReplicationFixture.input("web-01", 1, 0);
    RecoveryPointInfo point = first.points().get(0);
    // Reprotect's clock has milliseconds; the replication's is truncated to the second.
    ReplicationWorkflow workflow =
        fixture.start(
            new ReplicationInput(
                first.vault(),
                first.vm(),
                first.sourceRegion(),
                first.targetRegion(),
                first.runTag(),
                first.retentionDays(),
                first.appConsistentFrequencyMinutes(),
                first.lastCutId(),
                List.of(
                    new RecoveryPointInfo(
                        point.id(), point.time().plusMillis(900), point.type(), point.cutId())),
                null,
                ReplicationInput.DEFAULT_CYCLES_PER_RUN,
                0,
                0));

    ReplicationStatus status = workflow.status();

    assertThat(status.rpoSeconds()).isZero();
    assertThat(status.health()).isEqualTo(ReplicationHealth.Healthy);
  }

  @Test
  void replicationEndsByItselfWhenTheItemIsNoLongerProtected(
      TestWorkflowEnvironment env, Worker worker) {
    ReplicationFixture fixture = new ReplicationFixture(env, worker);
    fixture.start(ReplicationFixture.input("web-01", 1, 0));
    fixture.advanceTo(Duration.ofMinutes(12));
    fixture.backend.setProtection("web-01", "FailedOver");

    ReplicationStatus ended =
        WorkflowStub.fromTyped(fixture.workflow("web-01")).getResult(ReplicationStatus.class);
    assertThat(ended.state()).isEqualTo(ReplicationState.Ended);
    assertThat(ended.cyclesRun()).isEqualTo(2);
    assertThat(fixture.backend.calls("web-01", "takeCut")).hasSize(2);
  }

  /**
   * A disk added between two cycles, as the replicas' last cut holds it, at once (the update does
   * not wait for the next mark); a disk the VM does not have is refused with its code, and the
   * cycles go on as before.
   */
  @Test
  void aDiskIsAddedBetweenTwoCyclesAsTheReplicasLastCutHoldsIt(
      TestWorkflowEnvironment env, Worker worker) {
    ReplicationFixture fixture = new ReplicationFixture(env, worker);
    ReplicationWorkflow workflow = fixture.start(ReplicationFixture.input("web-01", 1, 0));
    fixture.advanceTo(Duration.ofMinutes(6));

    ReplicaAdded added = workflow.addDisk("data-9");

    assertThat(added.diskName()).isEqualTo("data-9");
    assertThat(added.cutId()).isEqualTo("web-01.c1");
    assertThat(fixture.backend.calls("web-01", "addReplicaDisk"))
        .singleElement()
        .satisfies(
            call ->
                assertThat(Duration.between(START, call.time()))
                    .isGreaterThan(Duration.ofMinutes(5))
                    .isLessThan(Duration.ofMinutes(7)));
    assertThatThrownBy(() -> workflow.addDisk("missing"))
        .isInstanceOf(WorkflowUpdateException.class)
        .hasStackTraceContaining("DiskNotFound");
    assertThatThrownBy(() -> workflow.addDisk(" ")).isInstanceOf(WorkflowUpdateException.class);
    fixture.advanceTo(Duration.ofMinutes(11));
    assertThat(workflow.status().cyclesRun()).isEqualTo(2);
    assertThat(workflow.status().lastCycle().succeeded()).isTrue();
  }

  /**
   * A disk attached after the protection: the cycles go on making points of the others, and say so
   * in every cycle's note and code, the health Warning until the disks match again.
   */
  @Test
  void aChangedDiskSetTurnsTheHealthWarningWhileTheCyclesGoOn(
      TestWorkflowEnvironment env, Worker worker) {
    ReplicationFixture fixture = new ReplicationFixture(env, worker);
    ReplicationWorkflow workflow = fixture.start(ReplicationFixture.input("web-01", 1, 0));
    fixture.advanceTo(Duration.ofMinutes(6));
    assertThat(workflow.status().health()).isEqualTo(ReplicationHealth.Healthy);

    fixture.backend.diskSetChange("web-01", "disk data-2 (lun2) was attached");
    fixture.advanceTo(Duration.ofMinutes(11));

    ReplicationStatus changed = workflow.status();
    assertThat(changed.health()).isEqualTo(ReplicationHealth.Warning);
    assertThat(changed.lastCycle().succeeded()).isTrue();
    assertThat(changed.lastCycle().pointId()).isNotNull();
    assertThat(changed.lastCycle().warningCode()).isEqualTo(ReplicationCycle.DISK_SET_CHANGED);
    assertThat(changed.lastCycle().note()).contains("data-2 (lun2) was attached");

    fixture.backend.diskSetChange("web-01", null);
    fixture.advanceTo(Duration.ofMinutes(16));
    assertThat(workflow.status().health()).isEqualTo(ReplicationHealth.Healthy);
  }

  /**
   * Two items started at the same instant cycle at their own second of the interval (the first one
   * there, not at the next 5-minute mark), each every 5 minutes from it: a fleet's cuts and points
   * do not all reach ARM at once.
   */
  @Test
  void eachItemCyclesAtItsOwnOffsetInTheInterval(TestWorkflowEnvironment env, Worker worker) {
    ReplicationFixture fixture = new ReplicationFixture(env, worker);
    List<String> vms = List.of("web-01", "db-01");
    List<Integer> offsets = new ArrayList<>();
    for (String vm : vms) {
      ReplicationInput input =
          ReplicationFixture.input(vm, 1, 0)
              .withCycleOffset(ReplicationInput.offsetOf(ReplicationFixture.VAULT, vm));
      offsets.add(input.cycleOffsetSeconds());
      fixture.start(input);
    }
    assertThat(offsets).doesNotContain(0).doesNotHaveDuplicates();

    fixture.advanceTo(Duration.ofMinutes(20));

    for (int i = 0; i < vms.size(); i++) {
      Duration offset = Duration.ofSeconds(offsets.get(i));
      assertThat(fixture.backend.calls(vms.get(i), "takeCut"))
          .extracting(call -> Duration.between(START, call.time()).truncatedTo(ChronoUnit.SECONDS))
          .as(vms.get(i))
          .containsExactly(
              offset,
              Duration.ofMinutes(5).plus(offset),
              Duration.ofMinutes(10).plus(offset),
              Duration.ofMinutes(15).plus(offset));
    }
  }

  @Test
  void appConsistentCutsFollowThePolicyFrequency(TestWorkflowEnvironment env, Worker worker) {
    ReplicationFixture fixture = new ReplicationFixture(env, worker);
    fixture.start(ReplicationFixture.input("hourly", 1, 60));
    fixture.start(ReplicationFixture.input("off", 1, 0));
    fixture.advanceTo(Duration.ofHours(3).plusMinutes(2));

    assertThat(fixture.backend.calls("hourly", "takeCut"))
        .filteredOn(call -> ((TakeCut) call.request()).appConsistent())
        .extracting(call -> Duration.between(START, call.time()).toMinutes())
        .containsExactly(5L, 65L, 125L);
    assertThat(fixture.workflow("hourly").status().points())
        .filteredOn(point -> point.type() == RecoveryPointType.AppConsistent)
        // 00:05 is 2h55 old, and its hour's app-consistent point: kept over 00:55.
        .extracting(RecoveryPointInfo::id)
        .containsExactly("hourly.p1", "hourly.p13", "hourly.p25");
    assertThat(fixture.backend.calls("off", "takeCut"))
        .noneMatch(call -> ((TakeCut) call.request()).appConsistent());
  }

  /**
   * Hourly app-consistent cuts at hh:05 (the first cycle's, then one an hour). At 6 h the last 2
   * hours hold 25 points; beyond, each clock hour keeps its app-consistent point, 00:05 to 03:05,
   * where the newest-of-the-hour rule kept the crash-consistent hh:55.
   */
  @Test
  void appConsistentPointsOlderThanTwoHoursSurvivePruning(
      TestWorkflowEnvironment env, Worker worker) {
    ReplicationFixture fixture = new ReplicationFixture(env, worker);
    fixture.start(ReplicationFixture.input("app", 1, 60));
    fixture.advanceTo(Duration.ofHours(6).plusMinutes(2));

    List<RecoveryPointInfo> points = fixture.workflow("app").status().points();
    assertThat(points).hasSize(29);
    assertThat(points)
        .filteredOn(point -> point.time().isBefore(START.plus(Duration.ofHours(4))))
        .allMatch(point -> point.type() == RecoveryPointType.AppConsistent)
        .extracting(RecoveryPointInfo::id)
        .containsExactly("app.p1", "app.p13", "app.p25", "app.p37");
    assertThat(fixture.backend.points("app"))
        .extracting(FakeReplicationActivities.Point::id)
        .containsExactlyElementsOf(points.stream().map(RecoveryPointInfo::id).toList());
  }

  /**
   * A ransomware recovery to the oldest clean point, 21:00 of the day before: the failover pins it,
   * and the cycle of 00:05, which prunes it by the table (21:30 is its hour's point), leaves it in
   * the vault and in the workflow's list alike. Once the pin is released, the next cycle prunes it.
   */
  @Test
  void aPointPinnedByAFailoverSurvivesTheCycleThatWouldHavePrunedIt(
      TestWorkflowEnvironment env, Worker worker) throws Exception {
    ReplicationFixture fixture = new ReplicationFixture(env, worker);
    ReplicationInput first = ReplicationFixture.input("web-01", 1, 0);
    List<RecoveryPointInfo> points = new ArrayList<>();
    for (String id : List.of("clean", "later")) {
      Instant time = START.minus(Duration.ofMinutes(id.equals("clean") ? 180 : 150));
      points.add(new RecoveryPointInfo(id, time, RecoveryPointType.CrashConsistent, null));
    }
    points.addAll(first.points());
    fixture.start(
        ReplicationInput.first(
                first.vault(),
                first.vm(),
                first.sourceRegion(),
                first.targetRegion(),
                first.runTag(),
                1,
                0,
                first.lastCutId(),
                points)
            .withCycleOffset(0));
    fixture.backend.pin("web-01", "clean");

    fixture.advanceTo(Duration.ofMinutes(7));
    assertThat(fixture.backend.calls("web-01", "deleteRecoveryPoints"))
        .extracting(call -> ((DeleteRecoveryPoints) call.request()).pointIds())
        .containsExactly(List.of("clean"));
    assertThat(fixture.workflow("web-01").status().lastCycle().pointsPruned()).isZero();
    assertThat(pointIds(fixture))
        .containsExactly("clean", "later", "web-01.p0", "web-01.p1")
        .containsExactlyElementsOf(backendPointIds(fixture));

    fixture.backend.pin("web-01", null);
    fixture.advanceTo(Duration.ofMinutes(12));
    assertThat(fixture.workflow("web-01").status().lastCycle().pointsPruned()).isEqualTo(1);
    assertThat(pointIds(fixture))
        .containsExactly("later", "web-01.p0", "web-01.p1", "web-01.p2")
        .containsExactlyElementsOf(backendPointIds(fixture));

    fixture.workflow("web-01").stop();
    WorkflowStub stub = WorkflowStub.fromTyped(fixture.workflow("web-01"));
    assertThat(stub.getResult(ReplicationStatus.class).state()).isEqualTo(ReplicationState.Stopped);
    HistoryReplays.record(
        env.getWorkflowClient(),
        stub.getExecution().getWorkflowId(),
        "replication-pinned-point-kept");
  }

  private static List<String> backendPointIds(ReplicationFixture fixture) {
    return fixture.backend.points("web-01").stream()
        .map(FakeReplicationActivities.Point::id)
        .toList();
  }

  private static List<String> pointIds(ReplicationFixture fixture) {
    return fixture.workflow("web-01").status().points().stream()
        .map(RecoveryPointInfo::id)
        .toList();
  }
}
