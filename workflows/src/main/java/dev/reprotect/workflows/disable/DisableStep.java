package dev.reprotect.workflows.disable;

import dev.reprotect.workflows.job.Step;

/** The steps of a disable, in the order it runs them, with the names the job shows. */
public enum DisableStep implements Step {
  CheckPrerequisites("Check prerequisites"),
  StopReplication("Stop replication"),
  DeleteRecoveryPoints("Delete the recovery points"),
  DeleteCuts("Delete the cuts"),
  DeleteReplicas("Delete the replicas"),
  DeleteStagingBlobs("Delete the staging blobs"),
  DeleteCreatedResources("Delete what the protection created"),
  RemoveItem("Remove the item");

  private final String title;

  DisableStep(String title) {
    this.title = title;
  }

  @Override
  public String title() {
    return title;
  }
}
