package dev.reprotect.activities.failover;

import dev.reprotect.activities.ActivityCaller;
import dev.reprotect.activities.AzureFailures;
import dev.reprotect.activities.ItemOperation;
import dev.reprotect.azure.AzureBackend;
import dev.reprotect.azure.AzureException;
import dev.reprotect.azure.BlobRef;
import dev.reprotect.azure.Caller;
import dev.reprotect.azure.Cuts;
import dev.reprotect.azure.DiskLineage;
import dev.reprotect.azure.ItemLifecycle;
import dev.reprotect.azure.LineageSnapshots;
import dev.reprotect.azure.RecoveryPoint;
import dev.reprotect.azure.ReplicaDisk;
import dev.reprotect.azure.ReplicatedItem;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

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
    AzureFailures.translated(
        plan.recoveryRegion(),
        () -> {
          Caller caller = ActivityCaller.current();
          ReplicatedItem item =
              azure
                  .recoveryServices()
                  .replicatedItem(op.vault(), op.vm())
                  .orElseThrow(() -> AzureException.notFound("replicated item " + op.vm()));
          if (item.runningOperation() == null
              || !item.runningOperation().id().equals(op.operationId())) {
            return; // released by an earlier attempt
          }
          ItemLifecycle operation = plan.operation();
          if (operation == ItemLifecycle.Failover) {
            azure
                .recoveryServices()
                .putReplicatedItem(
                    caller,
                    item.failedOverTo(plan.recoveryRegion(), plan.networkId())
                        .withLineage(lineage(caller, plan)));
          } else if (operation == ItemLifecycle.ChangeRecoveryPoint) {
            // The VM runs on the disks of another point now (or, changed to its own point, on the
            // same disks, whose lineage reads the same again).
            azure
                .recoveryServices()
                .putReplicatedItem(caller, item.withLineage(lineage(caller, plan)));
          } else if (operation == ItemLifecycle.CommitFailover) {
            // A point's cut is of the VM of the old direction, now the item's target side. It goes
            // before its point: a retry finds the cut through the point. The lineage's point and
            // cut stay, the bases of the reprotect that follows.
            for (RecoveryPoint point :
                azure.recoveryServices().recoveryPoints(op.vault(), op.vm())) {
              if (point.id().equals(item.lineagePoint())) {
                continue;
              }
              if (point.cutId() != null) {
                new Cuts(azure)
                    .delete(caller, item.target().resourceGroup(), op.vm(), point.cutId());
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
          azure
              .recoveryServices()
              .releaseOperation(
                  caller, op.vault(), op.vm(), op.operationId(), op.runId(), operation.succeeded());
        });
  }

  /**
   * The lineage of the VM the job made, once the bases it does not keep are deleted: those of the
   * point the VM ran on before a change of point, or of an earlier run that failed before it
   * recorded them. They go first, so that a retry still finds them, and none is ever left.
   */
  private List<DiskLineage> lineage(Caller caller, FailoverPlan plan) {
    List<DiskLineage> lineage = new LineageReading(azure).read(caller, plan);
    Set<BlobRef> bases =
        lineage.stream()
            .map(DiskLineage::newBase)
            .filter(Objects::nonNull)
            .collect(Collectors.toSet());
    Set<String> accounts = new TreeSet<>();
    Stream.concat(
            Stream.of(plan.recoveryAccount()),
            lineage.stream().map(disk -> disk.recoveredDisk().storageAccount()))
        .filter(Objects::nonNull)
        .forEach(accounts::add);
    LineageSnapshots snapshots = new LineageSnapshots(azure);
    accounts.forEach(
        account -> snapshots.deleteBasesBut(caller, account, plan.recoveryVmName(), bases));
    return lineage;
  }
}
