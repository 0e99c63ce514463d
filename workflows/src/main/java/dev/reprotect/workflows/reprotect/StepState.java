package dev.reprotect.workflows.reprotect;

public enum StepState {
  NotStarted,
  InProgress,
  Succeeded,
  Failed,
  Skipped,
  Cancelled
}
