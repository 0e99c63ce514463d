package dev.reprotect.workflows.reconcile;

import dev.reprotect.activities.replication.ItemRef;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.util.List;
import java.util.Optional;

/** What the reconciler asks the Temporal service about replication workflows, and ends. */
@ActivityInterface
public interface ReplicationSweepActivities {
  /** Those of {@code items} whose {@code replication.<vault>.<vm>} is not running. */
  @ActivityMethod
  List<ItemRef> withoutReplication(List<ItemRef> items);

  @ActivityMethod
  RunningReplications runningReplications();

  /** Terminates the item's replication with {@code reason}; says what it found. */
  @ActivityMethod
  String endReplication(ItemRef item, String reason);

  /**
   * Starts the scrub of the item's replica, {@code scrub.<vault>.<vm>}; empty when one runs already
   * (that one goes on), else what was started.
   */
  @ActivityMethod
  Optional<String> startScrub(ItemRef item);
}
