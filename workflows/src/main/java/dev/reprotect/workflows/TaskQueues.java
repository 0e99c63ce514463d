package dev.reprotect.workflows;

public final class TaskQueues {
  /**
   * The task queue of every workflow and activity of Reprotect but the initial syncs and the
   * replication's shipments.
   */
  public static final String REPROTECT = "reprotect";

  /**
   * The queue of the initial syncs of the jobs that run on {@code taskQueue}: a sync holds its slot
   * for hours, so on a queue of their own the syncs never take the slots the short steps need
   * (whose schedule-to-close counts the time they wait in the queue).
   */
  public static String syncQueueOf(String taskQueue) {
    return taskQueue + "-sync";
  }

  /**
   * The queue of the replication's shipments of the workflows that run on {@code taskQueue}: a
   * shipment holds its slot for minutes (up to its 2-hour bound) and a fleet keeps about one in
   * flight per protected VM, so on the workflows' queue they would take every slot the claims,
   * points and job steps of the other items need.
   */
  public static String shipmentQueueOf(String taskQueue) {
    return taskQueue + "-shipment";
  }

  private TaskQueues() {}
}
