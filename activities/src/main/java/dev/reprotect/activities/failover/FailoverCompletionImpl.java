package dev.reprotect.activities.failover;

import dev.reprotect.activities.ActivityCaller;
import dev.reprotect.activities.AzureFailures;
import dev.reprotect.activities.ItemOperation;
import dev.reprotect.azure.AzureBackend;
import dev.reprotect.azure.AzureException;
import dev.reprotect.azure.Caller;
import dev.reprotect.azure.Cuts;
import dev.reprotect.azure.ItemLifecycle;
import dev.reprotect.azure.RecoveryPoint;
import dev.reprotect.azure.ReplicaDisk;
import dev.reprotect.azure.ReplicatedItem;
import jakarta.inject.Inject;

public final class FailoverCompletionImpl implements FailoverCompletion {
  private final AzureBackend azure;

  @Inject
  public FailoverCompletionImpl(AzureBackend azure) {
    this.azure = azure;
  }

  @Override
  public void completeFailover(CompleteFailover request) {
    ItemOperation op = request.operation();
    FailoverPlan plan = request.plan();
    AzureFailures.translated(plan.recoveryRegion(), () -> {
      Caller caller = ActivityCaller.current();
      ReplicatedItem item = azure.recoveryServices().replicatedItem(op.vault(), op.vm())
          .orElseThrow(() -> AzureException.notFound("replicated item " + op.vm()));
      if (item.runningOperation() == null || !item.runningOperation().id().equals(op.operationId())) {
        return; // released by an earlier attempt
      }
      ItemLifecycle operation = plan.operation();
      if (operation == ItemLifecycle.Failover) {
        azure.recoveryServices().putReplicatedItem(caller,
            item.failedOverTo(plan.recoveryRegion(), plan.networkId()));
      } else if (operation == ItemLifecycle.CommitFailover) {
        // A point's cut is of the VM of the old direction, now the item's target side. It goes
        // before its point: a retry finds the cut through the point.
        for (RecoveryPoint point : azure.recoveryServices().recoveryPoints(op.vault(), op.vm())) {
          if (point.cutId() != null) {
            new Cuts(azure).delete(caller, item.target().resourceGroup(), op.vm(),
                point.cutId());
          }
          azure.recoveryServices().deleteRecoveryPoint(caller, op.vault(), op.vm(), point.id());
        }
        for (ReplicaDisk replica : item.replicaDisks()) {
          azure.storage().deleteBlob(caller, replica.replica());
        }
        azure.recoveryServices().putReplicatedItem(caller, item.committed());
      } else if (operation == ItemLifecycle.TestFailoverCleanup) {
        // Under the cleanup's claim: only the cleanup that removed the drill's copy ends it.
        azure.recoveryServices().putReplicatedItem(caller, item.withTestFailoverLive(false));
      }
      azure.recoveryServices().releaseOperation(caller, op.vault(), op.vm(), op.operationId(),
          op.runId(), operation.succeeded());
    });
  }
}
