package dev.reprotect.worker.cli;

import static java.util.concurrent.TimeUnit.MINUTES;
import static org.assertj.core.api.Assertions.assertThat;

import dev.reprotect.activities.replication.AddReplicaDisk;
import dev.reprotect.activities.replication.CreateRecoveryPoint;
import dev.reprotect.activities.replication.CutTaken;
import dev.reprotect.activities.replication.CycleShipment;
import dev.reprotect.activities.replication.DeleteCut;
import dev.reprotect.activities.replication.DeleteRecoveryPoints;
import dev.reprotect.activities.replication.ItemProtection;
import dev.reprotect.activities.replication.ItemRef;
import dev.reprotect.activities.replication.RecoveryPointTaken;
import dev.reprotect.activities.replication.ReplicaAdded;
import dev.reprotect.activities.replication.ReplicationCycleActivities;
import dev.reprotect.activities.replication.ShipCut;
import dev.reprotect.activities.replication.TakeCut;
import dev.reprotect.azure.RecoveryPointPruning;
import dev.reprotect.azure.RecoveryPointType;
import dev.reprotect.worker.Await;
import dev.reprotect.workflows.ReplicationSearchAttributes;
import dev.reprotect.workflows.TaskQueues;
import dev.reprotect.workflows.WorkflowIds;
import dev.reprotect.workflows.replication.RecoveryPointInfo;
import dev.reprotect.workflows.replication.ReplicationCarry;
import dev.reprotect.workflows.replication.ReplicationInput;
import dev.reprotect.workflows.replication.ReplicationState;
import dev.reprotect.workflows.replication.ReplicationStatus;
import dev.reprotect.workflows.replication.ReplicationWorkflow;
import dev.reprotect.workflows.replication.ReplicationWorkflowImpl;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.client.UpdateOptions;
import io.temporal.client.WithStartWorkflowOperation;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateHandle;
import io.temporal.client.WorkflowUpdateStage;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The replication workflow on a real Temporal server, where a held activity does not stop the clock
 * as it does on the time-skipping test server: the RPO of a hung shipment, and the two stops that
 * used to fail, a stop during the last cycle of a run (the continue-as-new waited for the stop, the
 * stop for the run's end) and a stop in the first workflow task of a run. The stops' histories are
 * written under {@code target/histories/} (checked in as {@code
 * replication-stop-*.devserver.v1.json}, replayed by the workflows module's HistoryReplayTest). The
 * cycle's steps are a fake that can hold the third shipment: what is tested is the workflow, on the
 * server it runs on in production.
 */
class ReplicationDevServerIT {
  private static final String VAULT = "contoso";
  private static final String QUEUE = "replication-stop-it";
  private static final Path RECORDED = Paths.get("target", "histories");

  @TempDir Path dir;

  private TemporalDevServer server;
  private WorkerFactory workers;
  private final HeldThirdShipment cycles = new HeldThirdShipment();

  @BeforeEach
  void start() throws Exception {
    server = new TemporalDevServer(dir.resolve("temporal.db")).start();
    workers = WorkerFactory.newInstance(server.client());
    Worker worker = workers.newWorker(QUEUE);
    worker.registerWorkflowImplementationTypes(ReplicationWorkflowImpl.class);
    worker.registerActivitiesImplementations(cycles);
    workers.newWorker(TaskQueues.shipmentQueueOf(QUEUE)).registerActivitiesImplementations(cycles);
    workers.start();
  }

  @AfterEach
  void stop() throws Exception {
    workers.shutdownNow();
    server.stop();
  }

  @Test
  void aStopDuringTheLastCycleOfARunEndsItWithoutAContinueAsNew() throws Exception {
    WorkflowClient client = server.client();
    ReplicationWorkflow replication = stub(client, "web-01");
    WorkflowClient.start(replication::replicate, input("web-01", null, 3));
    assertThat(cycles.thirdShipmentHeld.await(1, MINUTES)).isTrue();

    WorkflowStub stub = WorkflowStub.fromTyped(replication);
    WorkflowUpdateHandle<ReplicationStatus> stop =
        stub.startUpdate("stop", WorkflowUpdateStage.ACCEPTED, ReplicationStatus.class);
    cycles.release.countDown();

    ReplicationStatus stopped = stop.getResultAsync().get(1, MINUTES);
    assertThat(stopped.state()).isEqualTo(ReplicationState.Stopped);
    assertThat(stopped.cyclesRun()).isEqualTo(3);
    assertThat(stopped.points()).hasSize(4);
    WorkflowExecutionDescription description = stub.describe();
    assertThat(description.getExecution().getRunId())
        .as("no continue-as-new")
        .isEqualTo(description.getFirstRunId());
    record(client, "web-01", "replication-stop-in-last-cycle-of-run.devserver");
  }

  /**
   * While the third shipment hangs, the watchdog republishes the status at every interval (a second
   * here): the RPO keeps growing where an operator looks, and the newest point's time stays that of
   * point 2.
   */
  @Test
  void whileAShipmentHangsItsRpoKeepsGrowingInTheSearchAttributes() throws Exception {
    WorkflowClient client = server.client();
    ReplicationWorkflow replication = stub(client, "web-03");
    WorkflowClient.start(replication::replicate, input("web-03", null, 100));
    assertThat(cycles.thirdShipmentHeld.await(1, MINUTES)).isTrue();
    WorkflowStub stub = WorkflowStub.fromTyped(replication);
    Instant pointTwo = replication.status().newestPoint().orElseThrow().time();

    Await.until("the RPO of the hung cycle reaches 5 s", () -> rpoSeconds(stub) >= 5);
    assertThat(
            stub.describe()
                .getTypedSearchAttributes()
                .get(ReplicationSearchAttributes.LAST_RECOVERY_POINT_TIME)
                .toInstant())
        .isEqualTo(pointTwo);
    assertThat(replication.status().cyclesRun())
        .as("the third cycle is still running")
        .isEqualTo(3);
    cycles.release.countDown();
    replication.stop();
  }

  private static long rpoSeconds(WorkflowStub stub) {
    Long rpo =
        stub.describe().getTypedSearchAttributes().get(ReplicationSearchAttributes.RPO_SECONDS);
    return rpo == null ? 0 : rpo;
  }

  @Test
  void aStopInTheFirstTaskOfARunIsAcceptedAndEndsIt() throws Exception {
    WorkflowClient client = server.client();
    ReplicationWorkflow replication = stub(client, "web-02");
    ReplicationInput continued =
        input(
            "web-02",
            new ReplicationCarry(7, null, null, List.of(), List.of(), null, false, null),
            3);

    ReplicationStatus stopped =
        WorkflowClient.startUpdateWithStart(
                replication::stop,
                UpdateOptions.<ReplicationStatus>newBuilder()
                    .setWaitForStage(WorkflowUpdateStage.ACCEPTED)
                    .build(),
                new WithStartWorkflowOperation<>(replication::replicate, continued))
            .getResultAsync()
            .get(1, MINUTES);

    assertThat(stopped.state()).isEqualTo(ReplicationState.Stopped);
    assertThat(stopped.cyclesRun()).as("carried from the previous run").isEqualTo(7);
    assertThat(cycles.cutsTaken.get()).isZero();
    record(client, "web-02", "replication-stop-in-first-task.devserver");
  }

  private static ReplicationWorkflow stub(WorkflowClient client, String vm) {
    return client.newWorkflowStub(
        ReplicationWorkflow.class,
        WorkflowOptions.newBuilder()
            .setWorkflowId(WorkflowIds.replication(VAULT, vm))
            .setWorkflowIdConflictPolicy(WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_FAIL)
            .setTaskQueue(QUEUE)
            .build());
  }

  /** A cycle every second, so that three go by in seconds. */
  private static ReplicationInput input(String vm, ReplicationCarry carry, int cyclesPerRun) {
    return new ReplicationInput(
        VAULT,
        vm,
        "southeastasia",
        "eastasia",
        vm,
        1,
        0,
        vm + ".c0",
        List.of(
            new RecoveryPointInfo(
                vm + ".p0", Instant.now(), RecoveryPointType.CrashConsistent, vm + ".c0")),
        carry,
        cyclesPerRun,
        1,
        0);
  }

  private static void record(WorkflowClient client, String vm, String name) throws Exception {
    Files.createDirectories(RECORDED);
    Files.writeString(
        RECORDED.resolve(name + ".json"),
        client.fetchHistory(WorkflowIds.replication(VAULT, vm)).toJson(true));
  }

  /** Cycles that succeed at once, but for the third shipment, held until released. */
  static final class HeldThirdShipment implements ReplicationCycleActivities {
    final CountDownLatch thirdShipmentHeld = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    final AtomicInteger cutsTaken = new AtomicInteger();
    private final AtomicInteger shipments = new AtomicInteger();

    @Override
    public ItemProtection itemProtection(ItemRef item) {
      return new ItemProtection("Protected", null);
    }

    @Override
    public CutTaken takeCut(TakeCut request) {
      cutsTaken.incrementAndGet();
      return new CutTaken(request.cutId(), false, List.of(), false, null);
    }

    @Override
    public CycleShipment shipCut(ShipCut request) {
      if (shipments.incrementAndGet() == 3) {
        thirdShipmentHeld.countDown();
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return new CycleShipment(1, 0, 0, 0);
    }

    @Override
    public RecoveryPointTaken createRecoveryPoint(CreateRecoveryPoint request) {
      return new RecoveryPointTaken(request.pointId());
    }

    @Override
    public ReplicaAdded addReplicaDisk(AddReplicaDisk request) {
      throw new UnsupportedOperationException("this replication adds no disk");
    }

    @Override
    public void deleteCut(DeleteCut request) {}

    @Override
    public RecoveryPointPruning deleteRecoveryPoints(DeleteRecoveryPoints request) {
      return new RecoveryPointPruning(request.pointIds(), List.of(), null);
    }
  }
}
