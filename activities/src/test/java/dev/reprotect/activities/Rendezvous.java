package dev.reprotect.activities;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Two calls that must be in flight at the same time: each waits here for the other. A caller that
 * makes them one after the other has its first wait in vain, and fail.
 */
public final class Rendezvous implements Runnable {
  private final CountDownLatch bothArrived = new CountDownLatch(2);

  @Override
  public void run() {
    bothArrived.countDown();
    try {
      if (!bothArrived.await(20, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the other call never came while this one waited");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
