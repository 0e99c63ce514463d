package dev.reprotect.workflows.job;

public enum JobState {
  InProgress,
  Succeeded,
  Failed,
  Cancelled
}
