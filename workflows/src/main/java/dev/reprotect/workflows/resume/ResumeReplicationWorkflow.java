package dev.reprotect.workflows.resume;

import dev.reprotect.activities.replication.ItemRef;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Restarts the replication of a Protected item that has none running ({@code reprotect replication
 * VM --vault V --start}), id {@code resume.<vault>.<vm>}: a workflow, so that the CLI reads the
 * vault through a worker like every other command.
 */
@WorkflowInterface
public interface ResumeReplicationWorkflow {
  /** Refuses with ItemNotFound, NotProtected or ReplicationRunning, changing nothing. */
  @WorkflowMethod
  ReplicationResumed resume(ItemRef item);
}
