package dev.reprotect.workflows.job;

public enum StepState {
  NotStarted,
  InProgress,
  Succeeded,
  Failed,
  Skipped,
  Cancelled;

  /** What a step still in progress becomes when its job ends with {@code outcome}. */
  public static StepState endingWith(JobState outcome) {
    return switch (outcome) {
      case Failed -> Failed;
      case Cancelled -> Cancelled;
      default -> Succeeded;
    };
  }
}
