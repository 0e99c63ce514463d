package dev.reprotect.workflows.scrub;

import static dev.reprotect.workflows.ByteSizes.format;

import dev.reprotect.activities.ReplicationErrorCode;
import dev.reprotect.activities.replication.ItemRef;
import dev.reprotect.activities.scrub.DiskScrubbed;
import dev.reprotect.activities.scrub.HeldPoint;
import dev.reprotect.activities.scrub.ScrubActivities;
import dev.reprotect.activities.scrub.ScrubDisk;
import dev.reprotect.azure.ScrubOutcome;
import dev.reprotect.azure.ScrubRecord;
import dev.reprotect.workflows.ActivityPolicies;
import dev.reprotect.workflows.FailureCode;
import dev.reprotect.workflows.ReprotectSearchAttributes;
import dev.reprotect.workflows.TaskQueues;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

public final class ScrubWorkflowImpl implements ScrubWorkflow {
  /**
   * Version 1: a scrub that fails otherwise than by a mismatch records its failure on the item
   * (outcome Failed, with the error's code) before failing; before it, it failed unrecorded, and
   * the item kept showing its previous scrub.
   */
  static final String RECORDS_ITS_FAILURE = "scrub-records-its-failure";

  private final List<DiskScrubbed> disksDone = new ArrayList<>();
  private ItemRef item;
  private HeldPoint held;
  private ScrubOutcome outcome;
  private Instant endedAt;

  @Override
  public ScrubResult scrub(ItemRef item) {
    this.item = item;
    Workflow.upsertTypedSearchAttributes(
        ReprotectSearchAttributes.VM_NAME.valueSet(item.vm()),
        ReprotectSearchAttributes.VAULT.valueSet(item.vault()));
    Workflow.setCurrentDetails("**Scrub** of " + item.vm() + ": holding its newest point");
    held =
        steps("Hold the newest recovery point of " + item.vm() + " and its source cut")
            .holdNewestPoint(item);
    ReprotectSearchAttributes.upsertDirection(held.sourceRegion(), held.targetRegion());
    FailureCode mismatch = null;
    ActivityFailure failedOtherwise = null;
    try {
      for (ScrubDisk disk : held.disks()) {
        details("comparing disk " + disk.slot());
        disksDone.add(disks(disk).scrubDisk(disk));
      }
    } catch (ActivityFailure failure) {
      FailureCode code = FailureCode.of(failure.getCause());
      if (ReplicationErrorCode.ReplicaMismatch.name().equals(code.code())) {
        mismatch = code;
      } else {
        failedOtherwise = failure;
      }
    } finally {
      release();
    }
    if (failedOtherwise != null) {
      if (Workflow.getVersion(RECORDS_ITS_FAILURE, Workflow.DEFAULT_VERSION, 1) == 1) {
        FailureCode code = FailureCode.of(failedOtherwise.getCause());
        end(ScrubOutcome.Failed, code.code() + ": " + code.message());
      }
      throw failedOtherwise;
    }
    ScrubResult result =
        mismatch != null
            ? end(ScrubOutcome.ReplicaMismatch, mismatch.message())
            : disksDone.stream().anyMatch(disk -> disk.blocksRepaired() > 0)
                ? end(ScrubOutcome.Repaired, null)
                : end(ScrubOutcome.Passed, null);
    if (mismatch != null) {
      throw ApplicationFailure.newNonRetryableFailure(
          mismatch.message(), ReplicationErrorCode.ReplicaMismatch.name());
    }
    return result;
  }

  /**
   * Records how the scrub ended on the item and counts it; {@code problem} says what went wrong,
   * null when nothing did (the record then says what was compared).
   */
  private ScrubResult end(ScrubOutcome how, String problem) {
    outcome = how;
    endedAt = Instant.ofEpochMilli(Workflow.currentTimeMillis());
    ScrubResult result = progress();
    String detail = problem != null ? problem : summary(result);
    steps("Record the scrub of " + item.vm() + ": " + outcome)
        .recordScrub(
            item,
            new ScrubRecord(
                endedAt,
                outcome,
                held.pointId(),
                result.bytesCompared(),
                result.blocksRepaired(),
                detail));
    Workflow.getMetricsScope()
        .tagged(Map.of("outcome", outcome.name()))
        .counter("reprotect_scrubs")
        .inc(1);
    Workflow.getMetricsScope()
        .counter("reprotect_scrub_bytes_compared")
        .inc(result.bytesCompared());
    details(outcome + ": " + detail);
    return result;
  }

  @Override
  public ScrubResult progress() {
    return new ScrubResult(
        item == null ? null : item.vault(),
        item == null ? null : item.vm(),
        held == null ? null : held.pointId(),
        held == null ? null : held.cutId(),
        held == null ? null : held.pointTime(),
        held == null ? 0 : held.disks().size(),
        disksDone,
        outcome,
        endedAt);
  }

  /** The scrub's snapshots go whatever happened, a cancellation of the scrub included. */
  private void release() {
    Workflow.newDetachedCancellationScope(
            () ->
                steps(
                        "Release the snapshots holding point "
                            + held.pointId()
                            + " and cut "
                            + held.cutId())
                    .releasePoint(held))
        .run();
  }

  private void details(String doing) {
    Workflow.setCurrentDetails(
        String.format(
            "**Scrub** of %s: point %s against cut %s, %d of %d" + " disks done; %s",
            item.vm(), held.pointId(), held.cutId(), disksDone.size(), held.disks().size(), doing));
  }

  private static String summary(ScrubResult result) {
    return String.format(
        "%d disks of point %s equal to cut %s, %s compared, %d blocks repaired",
        result.disksDone().size(),
        result.pointId(),
        result.cutId(),
        format(result.bytesCompared()),
        result.blocksRepaired());
  }

  private static ScrubActivities steps(String summary) {
    return Workflow.newActivityStub(ScrubActivities.class, ActivityPolicies.step(summary));
  }

  /** On the sync queue, with the other long reads of whole disks. */
  private static ScrubActivities disks(ScrubDisk disk) {
    return Workflow.newActivityStub(
        ScrubActivities.class,
        ActivityPolicies.scrub(
                "Compare disk " + disk.slot() + " with its source cut, from the" + " bytes")
            .toBuilder()
            .setTaskQueue(TaskQueues.syncQueueOf(Workflow.getInfo().getTaskQueue()))
            .build());
  }
}
