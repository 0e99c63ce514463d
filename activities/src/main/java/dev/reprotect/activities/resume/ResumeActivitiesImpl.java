package dev.reprotect.activities.resume;

import dev.reprotect.activities.AzureFailures;
import dev.reprotect.activities.ReprotectErrorCode;
import dev.reprotect.activities.ReprotectRefusal;
import dev.reprotect.activities.replication.ItemRef;
import dev.reprotect.azure.AzureBackend;
import dev.reprotect.azure.Cuts;
import dev.reprotect.azure.ProtectionState;
import dev.reprotect.azure.RecoveryPoint;
import dev.reprotect.azure.ReplicatedItem;
import dev.reprotect.azure.ScrubOutcome;
import io.temporal.failure.ApplicationFailure;
import jakarta.inject.Inject;
import java.util.Comparator;
import java.util.List;

public final class ResumeActivitiesImpl implements ResumeActivities {
  private final AzureBackend azure;

  @Inject
  public ResumeActivitiesImpl(AzureBackend azure) {
    this.azure = azure;
  }

  @Override
  public List<SweptItem> sweepItems() {
    return AzureFailures.translated(
        null,
        () ->
            azure.recoveryServices().vaults().stream()
                .flatMap(vault -> azure.recoveryServices().replicatedItems(vault.name()).stream())
                .sorted(
                    Comparator.comparing(ReplicatedItem::vault).thenComparing(ReplicatedItem::name))
                .map(
                    item ->
                        new SweptItem(
                            new ItemRef(item.vault(), item.name()),
                            replicates(item),
                            item.lastScrub() == null ? null : item.lastScrub().time(),
                            item.policy().scrubIntervalDays(),
                            item.lastScrub() != null
                                && item.lastScrub().outcome() == ScrubOutcome.Failed))
                .toList());
  }

  @Override
  public Resumption resumption(ItemRef ref) {
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
                              "vault " + ref.vault() + " has no replicated item " + ref.vm()));
          if (!replicates(item)) {
            throw ApplicationFailure.newNonRetryableFailure(
                String.format(
                    "%s is %s%s: only a Protected item with no operation running replicates",
                    item.name(),
                    item.state(),
                    item.runningOperation() == null
                        ? ""
                        : " with " + item.runningOperation() + " running"),
                ResumeErrorCode.NotProtected.name());
          }
          List<RecoveryPoint> points =
              azure.recoveryServices().recoveryPoints(ref.vault(), ref.vm()).stream()
                  .sorted(Comparator.comparing(RecoveryPoint::time))
                  .toList();
          return new Resumption(
              item.vault(),
              item.name(),
              item.source().region(),
              item.target().region(),
              item.policy().retentionDays(),
              item.policy().appConsistentFrequencyMinutes(),
              lastCut(item, points),
              points.stream()
                  .map(
                      point ->
                          new ResumedPoint(point.id(), point.time(), point.type(), point.cutId()))
                  .toList());
        });
  }

  private static boolean replicates(ReplicatedItem item) {
    return item.state() == ProtectionState.Protected && item.runningOperation() == null;
  }

  /**
   * The cut the replicas hold: the newest point's. Blocks a shipment wrote after it were written on
   * the source after it too, so the next cycle's diff against it ships them again.
   */
  private String lastCut(ReplicatedItem item, List<RecoveryPoint> points) {
    if (points.isEmpty()) {
      return null;
    }
    String cutId = points.get(points.size() - 1).cutId();
    if (cutId == null
        || new Cuts(azure).find(item.source().resourceGroup(), item.name(), cutId).isEmpty()) {
      return null;
    }
    return cutId;
  }
}
