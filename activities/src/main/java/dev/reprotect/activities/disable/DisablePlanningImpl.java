package dev.reprotect.activities.disable;

import dev.reprotect.activities.AzureFailures;
import dev.reprotect.activities.ReprotectErrorCode;
import dev.reprotect.activities.ReprotectRefusal;
import dev.reprotect.activities.replication.ItemRef;
import dev.reprotect.azure.AzureBackend;
import dev.reprotect.azure.ItemClaimState;
import dev.reprotect.azure.ItemLifecycle;
import dev.reprotect.azure.ReplicaDisk;
import dev.reprotect.azure.ReplicatedItem;
import dev.reprotect.azure.RunningOperation;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityInfo;
import jakarta.inject.Inject;
import java.time.Instant;

public final class DisablePlanningImpl implements DisablePlanning {
  private final AzureBackend azure;

  @Inject
  public DisablePlanningImpl(AzureBackend azure) {
    this.azure = azure;
  }

  @Override
  public DisablePlan planDisable(ItemRef ref) {
    return AzureFailures.translated(
        null,
        () -> {
          ReplicatedItem item =
              azure
                  .recoveryServices()
                  .replicatedItem(ref.vault(), ref.vm())
                  .orElseThrow(
                      () ->
                          new ReprotectRefusal(
                              ReprotectErrorCode.ItemNotFound,
                              "vault "
                                  + ref.vault()
                                  + " has no replicated item "
                                  + ref.vm()
                                  + "; nothing was changed"));
          ActivityInfo job = Activity.getExecutionContext().getInfo();
          RunningOperation running = item.runningOperation();
          if (running != null && !running.id().equals(job.getWorkflowId())) {
            throw new ReprotectRefusal(
                ReprotectErrorCode.OperationInProgress,
                item.name() + " is busy: " + running + " is running on it; nothing was changed");
          }
          ItemLifecycle.Disable.checkClaim(
              item,
              new RunningOperation(
                  ItemLifecycle.Disable.name(),
                  job.getWorkflowId(),
                  job.getWorkflowRunId(),
                  Instant.EPOCH),
              ItemLifecycle.Disable.running());
          return new DisablePlan(
              item.vault(),
              item.name(),
              item.state(),
              item.source().region(),
              item.target().region(),
              azure.recoveryServices().recoveryPoints(item.vault(), item.name()).size(),
              item.replicaDisks().stream().map(ReplicaDisk::replica).toList(),
              item.cacheStorageAccount(),
              item.createdByProtection(),
              ItemClaimState.of(item));
        });
  }
}
