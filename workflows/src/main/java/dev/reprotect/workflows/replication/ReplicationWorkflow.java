package dev.reprotect.workflows.replication;

import dev.reprotect.activities.replication.ReplicaAdded;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Replicates one protected item, id {@code replication.<vault>.<vm>}: a cycle every 5 minutes makes
 * a recovery point and prunes the old ones. It outlives the reprotect that starts it and ends when
 * stopped or when the item is no longer Protected; a failed cycle never ends it.
 */
@WorkflowInterface
public interface ReplicationWorkflow {
  /** Returns the final status. */
  @WorkflowMethod
  ReplicationStatus replicate(ReplicationInput input);

  @QueryMethod
  ReplicationStatus status();

  /** Ends the replication at the next cycle boundary (a running cycle completes first). */
  @UpdateMethod
  ReplicationStatus stop();

  /** Refuses a stop when one is pending or the replication has ended. */
  @UpdateValidatorMethod(updateName = "stop")
  void validateStop();

  /**
   * Brings disk {@code diskName}, attached to the VM after its protection, into the replication:
   * between two cycles, a replica of it as the replicas' last cut holds it; from the next cycle on
   * it ships as every other disk does. Fails with DiskNotFound or DiskNotInBaseCut.
   */
  @UpdateMethod
  ReplicaAdded addDisk(String diskName);

  /** Refuses an addition while another runs, or once the replication is ending. */
  @UpdateValidatorMethod(updateName = "addDisk")
  void validateAddDisk(String diskName);
}
