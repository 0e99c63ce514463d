package dev.reprotect.activities.item;

import dev.reprotect.activities.ActivityCaller;
import dev.reprotect.activities.AzureFailures;
import dev.reprotect.activities.ItemOperation;
import dev.reprotect.azure.AzureBackend;
import dev.reprotect.azure.ProtectionState;
import dev.reprotect.azure.RunningOperation;
import jakarta.inject.Inject;
import java.time.Instant;

public final class ReplicatedItemActivitiesImpl implements ReplicatedItemActivities {
  private final AzureBackend azure;

  @Inject
  public ReplicatedItemActivitiesImpl(AzureBackend azure) {
    this.azure = azure;
  }

  @Override
  public void claimItem(ItemOperation op) {
    AzureFailures.translated(null, () -> azure.recoveryServices().claimOperation(
        ActivityCaller.current(), op.vault(), op.vm(),
        new RunningOperation(op.type(), op.operationId(), Instant.now()),
        ProtectionState.Reprotecting));
  }

  @Override
  public void releaseFailedItem(ItemOperation op) {
    AzureFailures.translated(null, () -> azure.recoveryServices().releaseOperation(
        ActivityCaller.current(), op.vault(), op.vm(), op.operationId(),
        ProtectionState.ReprotectFailed));
  }
}
