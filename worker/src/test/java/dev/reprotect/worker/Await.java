package dev.reprotect.worker;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Random;
import java.util.function.BooleanSupplier;

/** Waiting for a condition of another process, polled, within a deadline. */
public final class Await {
  private Await() {}

  public static void until(String what, BooleanSupplier condition) {
    until(what, Duration.ofMinutes(3), condition);
  }

  public static void until(String what, Duration within, BooleanSupplier condition) {
    long deadline = System.nanoTime() + within.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        fail("timed out waiting until " + what);
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        fail("interrupted waiting until " + what);
      }
    }
  }

  /** A port free now in [{@code from}, {@code to}), tried at random. */
  public static int freePortBetween(int from, int to) {
    Random random = new Random();
    while (true) {
      try (ServerSocket socket = new ServerSocket(from + random.nextInt(to - from))) {
        return socket.getLocalPort();
      } catch (IOException taken) {
        // Another one.
      }
    }
  }

  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
