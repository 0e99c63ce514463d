package dev.reprotect.activities.replication;

import dev.reprotect.activities.ActivityCaller;
import dev.reprotect.activities.AzureFailures;
import dev.reprotect.activities.ItemOperation;
import dev.reprotect.activities.PlannedArtefact;
import dev.reprotect.activities.PlannedDisk;
import dev.reprotect.activities.ProtectionPlan;
import dev.reprotect.activities.ReplicationStarted;
import dev.reprotect.activities.StartReplication;
import dev.reprotect.azure.AzureBackend;
import dev.reprotect.azure.AzureException;
import dev.reprotect.azure.Caller;
import dev.reprotect.azure.ItemSide;
import dev.reprotect.azure.LineageSnapshots;
import dev.reprotect.azure.ProtectionState;
import dev.reprotect.azure.RecoveryPointType;
import dev.reprotect.azure.ReplicaCuts;
import dev.reprotect.azure.ReplicaDisk;
import dev.reprotect.azure.ReplicatedItem;
import dev.reprotect.azure.ResourceIds;
import dev.reprotect.azure.VirtualMachine;
import jakarta.inject.Inject;
import java.util.List;

public final class DeltaReplicationActivitiesImpl implements DeltaReplicationActivities {
  private final AzureBackend azure;

  @Inject
  public DeltaReplicationActivitiesImpl(AzureBackend azure) {
    this.azure = azure;
  }

  @Override
  public ReplicationStarted startDeltaReplication(StartReplication start) {
    ProtectionPlan plan = start.plan();
    ItemOperation op = start.operation();
    return AzureFailures.translated(
        plan.targetRegion(),
        () -> {
          Caller caller = ActivityCaller.current();
          ReplicatedItem item =
              azure
                  .recoveryServices()
                  .replicatedItem(op.vault(), op.vm())
                  .orElseThrow(() -> AzureException.notFound("replicated item " + op.vm()));
          List<ReplicaDisk> replicas =
              plan.disks().stream()
                  .map(disk -> new ReplicaDisk(disk.slot(), disk.name(), disk.replica()))
                  .toList();
          PlannedArtefact set = plan.availabilitySet();
          // No VM runs on the target side: the failover that makes one records its network.
          ItemSide target =
              new ItemSide(
                  plan.targetRegion(),
                  plan.targetResourceGroup().name(),
                  plan.targetStorageAccount().name(),
                  set == null ? null : ResourceIds.availabilitySet(set.resourceGroup(), set.name()),
                  null);
          // Recorded now so that a failover finds the network once the protected VM is lost.
          String sourceNetwork =
              azure
                  .compute()
                  .virtualMachine(plan.sourceResourceGroup(), op.vm())
                  .map(VirtualMachine::networkId)
                  .orElse(item.source().network());
          // The failover's lineage served the sync, which is done: its snapshots and point go
          // before the record that names them, so that a retry still finds them.
          if (!item.lineage().isEmpty()) {
            new LineageSnapshots(azure).deleteAll(caller, item);
          }
          // And the replicas' bases, wherever the plan put them: a leftover snapshot would keep
          // the target account from being deleted.
          plan.disks().stream()
              .filter(PlannedDisk::changedBlocks)
              .map(disk -> disk.sync().replicaBase())
              .filter(base -> azure.storage().snapshot(base).isPresent())
              .forEach(base -> azure.storage().deleteBlob(caller, base));
          // The initial sync made the replicas equal to their disks in cut 0: the first cycle ships
          // what changed since.
          azure
              .recoveryServices()
              .putReplicatedItem(
                  caller,
                  item.withReplicationTo(
                          target,
                          sourceNetwork,
                          plan.cacheStorageAccount().name(),
                          replicas,
                          plan.cycle())
                      .withReplicaCuts(
                          start.cutId() == null ? null : ReplicaCuts.at(start.cutId())));
          String pointId = start.firstPointId() != null ? start.firstPointId() : firstPointId(op);
          azure
              .recoveryServices()
              .createRecoveryPoint(
                  caller,
                  op.vault(),
                  op.vm(),
                  pointId,
                  RecoveryPointType.CrashConsistent,
                  start.cutId());
          azure
              .recoveryServices()
              .releaseOperation(
                  caller,
                  op.vault(),
                  op.vm(),
                  op.operationId(),
                  op.runId(),
                  ProtectionState.Protected);
          return new ReplicationStarted(
              pointId,
              azure.recoveryServices().recoveryPoints(op.vault(), op.vm()).size(),
              item.policy().retentionDays(),
              item.policy().appConsistentFrequencyMinutes());
        });
  }

  /**
   * The first point's id of a job started before cuts existed derives from the operation, so a
   * retry finds the point it took.
   */
  private static String firstPointId(ItemOperation op) {
    return op.operationId().replaceAll("[^A-Za-z0-9._-]", "_") + ".initial";
  }
}
