package dev.reprotect.workflows.scrub;

import dev.reprotect.activities.replication.ItemRef;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * The scrub of an item's replica ({@code reprotect scrub VM --vault V}, and the reconciler when the
 * item's policy says it is due), id {@code scrub.<vault>.<vm>}: its newest recovery point compared,
 * from the bytes, with the source cut it was made from, every disk, repaired once.
 */
@WorkflowInterface
public interface ScrubWorkflow {
  /**
   * Refuses with VaultNotFound, ItemNotFound or NoRecoveryPoint, changing nothing; fails with
   * ReplicaMismatch when blocks still differ after the repair (recorded on the item first).
   */
  @WorkflowMethod
  ScrubResult scrub(ItemRef item);

  /** Where the scrub stands: the disks done so far. */
  @QueryMethod
  ScrubResult progress();
}
