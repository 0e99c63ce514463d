package dev.reprotect.activities;

/** A resource the reprotect uses, with its final name; {@code exists} is false when it is new. */
public record PlannedArtefact(
    ArtefactType type,
    String role,
    String name,
    String region,
    String resourceGroup,
    boolean exists) {

  /** What the job did with it: created when the plan said new, even if a retry found it made. */
  public String action() {
    return exists ? "reused" : "created";
  }
}
