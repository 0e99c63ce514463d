package dev.reprotect.workflows.reprotect;

/** The steps of the reprotect job, in order, with the names the job shows. */
public enum ReprotectStep {
  CheckPrerequisites("Check prerequisites and plan"),
  PrepareArtefacts("Create or reuse the artefacts"),
  StopTargetVm("Turn off the target VM"),
  CopySeedBlobs("Copy the target disks to seed blobs"),
  DeleteTargetVm("Delete the target VM"),
  InitialSync("Initial sync"),
  StartDeltaReplication("Start delta replication");

  private final String title;

  ReprotectStep(String title) {
    this.title = title;
  }

  public String title() {
    return title;
  }
}
