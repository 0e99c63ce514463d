package dev.reprotect.activities.item;

import dev.reprotect.activities.ActivityCaller;
import dev.reprotect.activities.AzureFailures;
import dev.reprotect.activities.ItemOperation;
import dev.reprotect.activities.ReprotectErrorCode;
import dev.reprotect.activities.replication.ItemRef;
import dev.reprotect.azure.AzureBackend;
import dev.reprotect.azure.ItemClaimState;
import dev.reprotect.azure.ItemLifecycle;
import dev.reprotect.azure.ProtectionState;
import dev.reprotect.azure.RecoveryPoint;
import dev.reprotect.azure.ReplicatedItem;
import dev.reprotect.azure.RunningOperation;
import io.temporal.failure.ApplicationFailure;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;

public final class ReplicatedItemActivitiesImpl implements ReplicatedItemActivities {
  private final AzureBackend azure;

  @Inject
  public ReplicatedItemActivitiesImpl(AzureBackend azure) {
    this.azure = azure;
  }

  @Override
  public void claimItem(ItemOperation op, ItemClaimState checked) {
    AzureFailures.translated(null, () -> claim(op, checked));
  }

  @Override
  public void enrollItem(ItemOperation op, ReplicatedItem item) {
    AzureFailures.translated(
        null,
        () -> {
          if (azure.recoveryServices().replicatedItem(op.vault(), op.vm()).isEmpty()) {
            azure.recoveryServices().putReplicatedItem(ActivityCaller.current(), item);
          }
          claim(op, ItemClaimState.of(item));
        });
  }

  private void claim(ItemOperation op, ItemClaimState checked) {
    azure
        .recoveryServices()
        .claimOperation(
            ActivityCaller.current(),
            op.vault(),
            op.vm(),
            new RunningOperation(op.type(), op.operationId(), op.runId(), Instant.now()),
            checked,
            ItemLifecycle.of(op.type()).running());
  }

  @Override
  public void releaseFailedItem(ItemOperation op) {
    release(op, ItemLifecycle.of(op.type()).failed());
  }

  @Override
  public void releaseUnchangedItem(ItemOperation op) {
    release(op, ItemLifecycle.of(op.type()).unchanged());
  }

  private void release(ItemOperation op, ProtectionState newState) {
    AzureFailures.translated(
        null,
        () ->
            azure
                .recoveryServices()
                .releaseOperation(
                    ActivityCaller.current(),
                    op.vault(),
                    op.vm(),
                    op.operationId(),
                    op.runId(),
                    newState));
  }

  @Override
  public List<RecoveryPoint> recoveryPointsOf(ItemRef ref) {
    existing(ref);
    return AzureFailures.translated(
        null, () -> azure.recoveryServices().recoveryPoints(ref.vault(), ref.vm()));
  }

  @Override
  public RunningOperation claimOf(ItemRef ref) {
    ReplicatedItem item = existing(ref);
    if (item.runningOperation() == null) {
      throw ApplicationFailure.newNonRetryableFailure(
          item.name() + " has no running operation: " + "there is no claim to release",
          ClaimErrorCode.ItemNotClaimed.name());
    }
    return item.runningOperation();
  }

  @Override
  public void releaseStaleClaim(StaleClaim stale) {
    AzureFailures.translated(
        null,
        () ->
            azure
                .recoveryServices()
                .releaseStaleOperation(
                    ActivityCaller.current(),
                    stale.vault(),
                    stale.vm(),
                    stale.claim(),
                    ItemLifecycle.of(stale.claim().type()).failed()));
  }

  private ReplicatedItem existing(ItemRef ref) {
    return AzureFailures.translated(
            null, () -> azure.recoveryServices().replicatedItem(ref.vault(), ref.vm()))
        .orElseThrow(
            () ->
                ApplicationFailure.newNonRetryableFailure(
                    "vault " + ref.vault() + " has no replicated item " + ref.vm(),
                    ReprotectErrorCode.ItemNotFound.name()));
  }
}
