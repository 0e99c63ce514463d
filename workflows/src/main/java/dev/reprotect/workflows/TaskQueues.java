package dev.reprotect.workflows;

public final class TaskQueues {
  /** The task queue of every workflow and activity of Reprotect but the initial syncs. */
  public static final String REPROTECT = "reprotect";

  /**
   * The queue of the initial syncs of the jobs that run on {@code taskQueue}: a sync holds its
   * slot for hours, so on a queue of their own the syncs never take the slots the short steps
   * need (whose schedule-to-close counts the time they wait in the queue).
   */
  public static String syncQueueOf(String taskQueue) {
    return taskQueue + "-sync";
  }

  private TaskQueues() {}
}
