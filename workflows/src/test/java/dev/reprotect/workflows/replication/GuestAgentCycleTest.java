package dev.reprotect.workflows.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.reprotect.azure.AzureErrorCode;
import dev.reprotect.azure.BlobRef;
import dev.reprotect.azure.RecoveryPoint;
import dev.reprotect.azure.RecoveryPointType;
import dev.reprotect.azure.VmCut;
import dev.reprotect.azure.sim.FaultInjector;
import dev.reprotect.azure.sim.FaultInjector.GuestAgentFault;
import dev.reprotect.workflows.reprotect.ProtectionSummary;
import dev.reprotect.workflows.reprotect.ReprotectFixture;
import io.temporal.client.WorkflowFailedException;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A cut is the guest agent's hold and a snapshot per disk: an agent that does not answer costs a
 * cycle its cut, and one whose applications do not acknowledge the quiesce makes the point
 * crash-consistent. Cut 0 is the reprotect's hold; cycle n's cut is the (n + 1)th hold.
 */
class GuestAgentCycleTest {
  @RegisterExtension static final TestWorkflowExtension temporal = ReprotectFixture.temporal();

  private static final String OS = "os";
  private static final long BLOCK = 7;

  @AutoClose private EndToEnd e2e;

  @Test
  void anAgentThatDoesNotAnswerCostsTheCycleItsCutAndTheNextCycleShips(
      TestWorkflowEnvironment env, Worker worker) {
    e2e = new EndToEnd(ReprotectFixture.scenario().dataDisks(1).build(), env, worker);
    byte[] write = DiskBytes.pattern(e2e.blockSize(), 41);
    FaultInjector faults = e2e.azure.faults();
    faults.onCall("holdWrites", 2, () -> agent(GuestAgentFault.Unresponsive));
    faults.onCall(
        "holdWrites",
        3,
        () -> {
          agent(null);
          e2e.write(OS, BLOCK, write);
        });

    e2e.reprotect();
    ReplicationCycle failed = e2e.awaitCycle(1);

    assertThat(failed.succeeded()).isFalse();
    assertThat(failed.errorCode()).isEqualTo("GuestAgentUnresponsive");
    assertThat(failed.cutId()).as("no cut this cycle").isNull();
    assertThat(failed.pointId()).isNull();
    assertThat(e2e.replication().status().health()).isEqualTo(ReplicationHealth.Warning);
    assertThat(e2e.cuts()).extracting(VmCut::id).noneMatch(id -> id.endsWith(".c1"));

    ReplicationCycle next = e2e.awaitSucceededCycle(2);

    VmCut cut = e2e.cut(next.cutId());
    BlobRef replica = e2e.replica(OS);
    assertThat(DiskBytes.holds(e2e.storage, replica, BLOCK, write))
        .as("the next cycle ships what the guest wrote since cut 0")
        .isTrue();
    assertThat(DiskBytes.differingBlocks(e2e.storage, replica, cut.disk(OS).snapshot())).isEmpty();
    assertThat(e2e.replication().status().health()).isEqualTo(ReplicationHealth.Healthy);
  }

  @Test
  void aQuiesceTheGuestDoesNotAcknowledgeMakesACrashConsistentPointAndTheCycleSaysSo(
      TestWorkflowEnvironment env, Worker worker) {
    e2e = new EndToEnd(ReprotectFixture.scenario().dataDisks(1).build(), env, worker);
    FaultInjector faults = e2e.azure.faults();
    faults.onCall("holdWrites", 2, () -> agent(GuestAgentFault.QuiesceUnacknowledged));
    faults.onCall("holdWrites", 3, () -> agent(null));

    e2e.reprotect();
    ReplicationCycle unacknowledged = e2e.awaitSucceededCycle(1);
    ReplicationCycle acknowledged = e2e.awaitSucceededCycle(2);

    assertThat(unacknowledged.note()).isEqualTo(ReplicationWorkflowImpl.QUIESCE_UNACKNOWLEDGED);
    assertThat(point(unacknowledged).type()).isEqualTo(RecoveryPointType.CrashConsistent);
    assertThat(acknowledged.note()).as("the app-consistent point is still due").isNull();
    assertThat(point(acknowledged).type()).isEqualTo(RecoveryPointType.AppConsistent);
  }

  @Test
  void cutZeroOfAReprotectIsTakenOnceTheAgentAnswersAgain(
      TestWorkflowEnvironment env, Worker worker) {
    e2e = new EndToEnd(ReprotectFixture.scenario().dataDisks(1).build(), env, worker);
    FaultInjector faults = e2e.azure.faults();
    AtomicInteger holdsAsked = new AtomicInteger();
    faults.onCall("holdWrites", 1, () -> agent(GuestAgentFault.Unresponsive));
    faults.onCall(
        "holdWrites",
        3,
        () -> {
          holdsAsked.set(3);
          agent(null);
        });

    ProtectionSummary summary = e2e.reprotect();

    assertThat(holdsAsked).as("two holds unanswered, the third answered").hasValue(3);
    assertThat(e2e.cuts()).extracting(VmCut::id).anyMatch(id -> id.endsWith(".c0"));
    assertThat(summary.state()).isEqualTo("Protected");
    assertThat(summary.recoveryPoints()).isPositive();
  }

  @Test
  void aReprotectWhoseAgentNeverAnswersFailsWithItsCodeOnceTheStepsBoundHasPassed(
      TestWorkflowEnvironment env, Worker worker) {
    e2e = new EndToEnd(ReprotectFixture.scenario().dataDisks(1).build(), env, worker);
    agent(GuestAgentFault.Unresponsive);

    WorkflowFailedException failed =
        catchThrowableOfType(WorkflowFailedException.class, e2e::reprotect);

    assertThat(failed).isNotNull();
    assertThat(
            ReprotectFixture.applicationFailure(
                failed, AzureErrorCode.GuestAgentUnresponsive.name()))
        .isPresent();
    assertThat(e2e.azure.faults().callCount("holdWrites"))
        .as("cut 0 tried again, not once")
        .isGreaterThan(2);
  }

  private RecoveryPoint point(ReplicationCycle cycle) {
    return e2e.points().stream()
        .filter(point -> point.id().equals(cycle.pointId()))
        .findFirst()
        .orElseThrow();
  }

  private void agent(GuestAgentFault fault) {
    e2e.azure.faults().guestAgent(e2e.sourceGroup(), e2e.fixture.scenario.vm(), fault);
  }
}
