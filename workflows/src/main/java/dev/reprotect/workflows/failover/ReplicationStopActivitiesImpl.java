package dev.reprotect.workflows.failover;

import dev.reprotect.activities.replication.ItemRef;
import dev.reprotect.workflows.WorkflowIds;
import dev.reprotect.workflows.replication.ReplicationStatus;
import dev.reprotect.workflows.replication.ReplicationWorkflow;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import jakarta.inject.Inject;

public final class ReplicationStopActivitiesImpl implements ReplicationStopActivities {
  private final WorkflowClient client;

  @Inject
  public ReplicationStopActivitiesImpl(WorkflowClient client) {
    this.client = client;
  }

  @Override
  public String stopReplication(ItemRef item) {
    String id = WorkflowIds.replication(item.vault(), item.vm());
    ReplicationWorkflow replication = client.newWorkflowStub(ReplicationWorkflow.class, id);
    try {
      ReplicationStatus stopped = replication.stop();
      return String.format("%s stopped after %d cycles, %d recovery points", id,
          stopped.cyclesRun(), stopped.points().size());
    } catch (WorkflowNotFoundException notRunning) {
      return id + " was not running";
    } catch (WorkflowUpdateException refused) {
      // Stopping already, or ended: its end is what the failover waits for.
      try {
        WorkflowStub.fromTyped(replication).getResult(ReplicationStatus.class);
      } catch (WorkflowFailedException endedOtherwise) {
        return id + " had ended: " + endedOtherwise.getMessage();
      }
      return id + " had stopped";
    }
  }
}
