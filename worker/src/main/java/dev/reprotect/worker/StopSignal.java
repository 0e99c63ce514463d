package dev.reprotect.worker;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C or SIGTERM, as something a long-running command waits for. The JVM ends when its shutdown
 * hooks return, so the hook holds it until the command has stopped in order (or {@code holdAtMost}
 * has passed): without that, the process would end under running tasks.
 */
public final class StopSignal implements AutoCloseable {
  private final CountDownLatch requested = new CountDownLatch(1);
  private final CountDownLatch stopped = new CountDownLatch(1);

  public StopSignal(Duration holdAtMost) {
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  requested.countDown();
                  try {
                    stopped.await(holdAtMost.toMillis(), TimeUnit.MILLISECONDS);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                },
                "reprotect-stop"));
  }

  /** Blocks until the process is asked to stop. */
  public void await() throws InterruptedException {
    requested.await();
  }

  /** The command has stopped: the process may end. */
  @Override
  public void close() {
    stopped.countDown();
  }
}
