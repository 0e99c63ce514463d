package dev.reprotect.workflows.resume;

import dev.reprotect.activities.replication.ItemRef;

public final class ResumeReplicationWorkflowImpl implements ResumeReplicationWorkflow {
  @Override
  public ReplicationResumed resume(ItemRef item) {
    return ReplicationResume.resume(item);
  }
}
