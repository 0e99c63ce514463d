package dev.reprotect.workflows.reprotect;

import dev.reprotect.workflows.job.Step;

/**
 * The steps of a protection's job (a reprotect, or an enable with the seed steps skipped), in
 * order, with the names the job shows.
 */
public enum ProtectionStep implements Step {
  CheckPrerequisites("Check prerequisites and plan"),
  PrepareArtefacts("Create or reuse the artefacts"),
  StopTargetVm("Turn off the target VM"),
  CopySeedBlobs("Copy the target disks to seed blobs"),
  DeleteTargetVm("Delete the target VM"),
  InitialSync("Initial sync"),
  StartDeltaReplication("Start delta replication");

  private final String title;

  ProtectionStep(String title) {
    this.title = title;
  }

  @Override
  public String title() {
    return title;
  }
}
