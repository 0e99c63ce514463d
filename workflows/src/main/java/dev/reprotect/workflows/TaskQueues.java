package dev.reprotect.workflows;

public final class TaskQueues {
  /** The task queue of every workflow and activity of Reprotect. */
  public static final String REPROTECT = "reprotect";

  private TaskQueues() {}
}
