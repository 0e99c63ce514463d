package dev.reprotect.activities.data;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The threads that read a disk while an activity's own thread does something else: the replica's
 * side of a read of both sides, or a long read that the activity heartbeats beside.
 */
final class ReadThreads {
  static final ExecutorService POOL =
      Executors.newCachedThreadPool(
          task -> {
            Thread thread = new Thread(task, "disk-read");
            thread.setDaemon(true);
            return thread;
          });

  private ReadThreads() {}
}
