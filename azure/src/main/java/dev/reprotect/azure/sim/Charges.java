package dev.reprotect.azure.sim;

import dev.reprotect.azure.AzureException;
import dev.reprotect.azure.Caller;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.function.LongSupplier;

/**
 * What the simulated cloud charges, as Azure bills it: ARM's request limits, each call's delay, the
 * bytes a blob's disk reads and writes at the disk's throughput (one schedule per blob, so that its
 * reads and writes share one cap while blobs proceed in parallel), the bytes hashed, a copy within
 * a region at the storage copy rate. Charged in simulated time, metered to the caller, and waited
 * for at the time scale.
 *
 * <p>Simulated time is real time divided by the time scale; at scale 0 it runs infinitely fast: no
 * disk is ever busy, no bucket ever empty, and the charges are metered without a wait. A test holds
 * the simulated time instead ({@link #holdTime}) to see the queues and the limits.
 */
final class Charges {
  final CostMeter meter = new CostMeter();
  private final World world;
  private final DiskSchedule disks = new DiskSchedule();
  private final RequestLimits limits = new RequestLimits();
  private final long origin = System.nanoTime();
  private volatile LongSupplier heldTime;

  Charges(World world) {
    this.world = world;
  }

  /** Simulated time is what {@code nanos} says from now on, whatever the time scale. */
  void holdTime(LongSupplier nanos) {
    heldTime = nanos;
  }

  /** A call of an operation: a token of ARM's limits, then its delay. */
  void call(Caller caller, String operation) {
    LatencyModel model = world.latency;
    OptionalLong now = now(model);
    if (now.isPresent()) {
      try {
        limits.take(RequestKind.of(operation), now.getAsLong(), model);
      } catch (AzureException throttled) {
        meter.throttled(id(caller));
        throw throttled;
      }
    }
    Duration delay = model.delayOf(operation);
    meter.called(id(caller), operation, delay.toNanos());
    pause(model.scaled(delay));
  }

  /**
   * Bytes read from and written to blobs at the disk's throughput, each blob's after what its disk
   * has booked already; the caller waits until the last is done.
   */
  void move(Caller caller, BlobIo... ios) {
    LatencyModel model = world.latency;
    OptionalLong now = now(model);
    long longest = 0;
    for (BlobIo io : ios) {
      if (io.bytes() == 0) {
        continue;
      }
      long nanos = model.diskTime(io.bytes()).toNanos();
      longest =
          Math.max(
              longest, now.isPresent() ? disks.book(io.blobKey(), now.getAsLong(), nanos) : nanos);
      meter.moved(id(caller), io);
    }
    wait(caller, model, longest);
  }

  /**
   * A copy within a region, done by storage itself at the copy rate, beside the disks' own traffic:
   * {@code from}'s bytes read, {@code to}'s written.
   */
  void copy(Caller caller, BlobIo from, BlobIo to) {
    LatencyModel model = world.latency;
    meter.moved(id(caller), from);
    meter.moved(id(caller), to);
    wait(caller, model, model.copyTime(from.bytesRead()).toNanos());
  }

  /** Bytes hashed where they were read: no time of its own (hashing outruns the disk). */
  void hashed(Caller caller, long bytes) {
    meter.hashed(id(caller), bytes);
  }

  private void wait(Caller caller, LatencyModel model, long nanos) {
    meter.waited(id(caller), nanos);
    pause(model.scaled(Duration.ofNanos(nanos)));
  }

  private OptionalLong now(LatencyModel model) {
    LongSupplier held = heldTime;
    if (held != null) {
      return OptionalLong.of(held.getAsLong());
    }
    return model.timeScale() == 0
        ? OptionalLong.empty()
        : OptionalLong.of((long) ((System.nanoTime() - origin) / model.timeScale()));
  }

  private static String id(Caller caller) {
    return caller == null ? "" : caller.correlationId();
  }

  private static void pause(Duration duration) {
    if (duration.isZero()) {
      return;
    }
    try {
      Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
