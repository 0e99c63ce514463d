package dev.reprotect.workflows.reconcile;

import dev.reprotect.activities.replication.ItemRef;
import dev.reprotect.activities.resume.ResumeActivities;
import dev.reprotect.activities.resume.SweptItem;
import dev.reprotect.workflows.ActivityPolicies;
import dev.reprotect.workflows.FailureCode;
import dev.reprotect.workflows.resume.ReplicationResume;
import dev.reprotect.workflows.resume.ReplicationResumed;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;

public final class ReconcileWorkflowImpl implements ReconcileWorkflow {
  private static final Logger LOG = Workflow.getLogger(ReconcileWorkflowImpl.class);

  /**
   * Version 1: the pass starts the scrubs its items' policies say are due (never scrubbed, or
   * scrubbed one interval ago), after the replications.
   */
  static final String STARTS_DUE_SCRUBS = "starts-due-scrubs";

  private final List<ReconcileAction> actions = new ArrayList<>();

  @Override
  public ReconcileResult reconcile() {
    List<SweptItem> items =
        Workflow.newActivityStub(
                ResumeActivities.class, ActivityPolicies.step("List the items of every vault"))
            .sweepItems();
    List<ItemRef> replicating =
        items.stream().filter(SweptItem::replicates).map(SweptItem::item).toList();
    ReplicationSweepActivities sweep =
        Workflow.newActivityStub(
            ReplicationSweepActivities.class,
            ActivityPolicies.step(
                "Find the replications that do not run, and those of gone items"));
    for (ItemRef item : sweep.withoutReplication(replicating)) {
      restart(item);
    }
    RunningReplications running = sweep.runningReplications();
    Set<ItemRef> known = items.stream().map(SweptItem::item).collect(Collectors.toSet());
    for (ItemRef orphan : running.items()) {
      if (!known.contains(orphan)) {
        record(
            ReconcileActionType.Ended,
            orphan,
            sweep.endReplication(
                orphan,
                "the reconciler found no item " + orphan.vm() + " in vault " + orphan.vault()));
      }
    }
    if (Workflow.getVersion(STARTS_DUE_SCRUBS, Workflow.DEFAULT_VERSION, 1) == 1) {
      Instant now = Instant.ofEpochMilli(Workflow.currentTimeMillis());
      for (SweptItem item : items) {
        if (item.scrubDue(now)) {
          sweep
              .startScrub(item.item())
              .ifPresent(started -> record(ReconcileActionType.ScrubStarted, item.item(), started));
        }
      }
    }
    if (!running.listed()) {
      LOG.info(
          "This Temporal service cannot list workflows: replications of gone items were"
              + " not looked for");
    }
    return new ReconcileResult(items.size(), replicating.size(), running.listed(), actions);
  }

  /** A refused or failed restart is counted and left to the next pass, never the end of this. */
  private void restart(ItemRef item) {
    try {
      ReplicationResumed resumed = ReplicationResume.resume(item);
      record(
          ReconcileActionType.Restarted,
          item,
          String.format(
              "%s run tag %s from cut %s, %d recovery points",
              resumed.workflowId(),
              resumed.runTag(),
              resumed.lastCutId(),
              resumed.recoveryPoints()));
    } catch (ActivityFailure failed) {
      FailureCode code = FailureCode.of(failed.getCause());
      record(ReconcileActionType.RestartFailed, item, code.code() + ": " + code.message());
    }
  }

  private void record(ReconcileActionType action, ItemRef item, String detail) {
    actions.add(new ReconcileAction(action, item.vault(), item.vm(), detail));
    LOG.info("Reconciler: {} {} of vault {}: {}", action, item.vm(), item.vault(), detail);
    Workflow.getMetricsScope()
        .tagged(Map.of("action", action.name()))
        .counter("reprotect_reconciler_actions")
        .inc(1);
  }
}
