package dev.reprotect.activities.failover;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** The checks of a failover, change of point or commit, and the choice of its point. */
@ActivityInterface
public interface FailoverPlanning {
  /**
   * Checks the request against the backend before anything changes (the item, its claim, its state
   * by the item's state machine, the network mapping, the point asked for) and fixes what the job
   * will create; a refusal has its code and changes nothing.
   */
  @ActivityMethod
  FailoverPlan planFailover(FailoverRequest request);

  /**
   * The point the selector names, with its snapshots and recorded checksums, pinned on the item for
   * the operation that chose it: pruning can no longer delete it.
   */
  @ActivityMethod
  ChosenPoint choosePoint(ChoosePoint request);
}
