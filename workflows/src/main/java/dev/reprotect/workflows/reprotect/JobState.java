package dev.reprotect.workflows.reprotect;

public enum JobState {
  InProgress,
  Succeeded,
  Failed,
  Cancelled
}
