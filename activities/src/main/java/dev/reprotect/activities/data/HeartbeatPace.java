package dev.reprotect.activities.data;

import dev.reprotect.activities.Futures;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Keeps a data loop live whatever the link's speed. The blocks a range sends go in batches sized
 * from the pace measured so far, so that one batch takes at most the budget (a third of the
 * heartbeat timeout), and the loop heartbeats after each batch: a slow link makes the batches
 * smaller, never the heartbeats rarer. A position is reported only once every block before it is
 * applied, so a retry resumes from it without losing a block. A refused heartbeat (the attempt
 * timed out, was cancelled or was replaced) throws from {@code heartbeat} and ends the attempt
 * there, before it sends another batch: nothing here catches it.
 */
public final class HeartbeatPace {
  /** The budget of an activity that runs without a heartbeat timeout. */
  static final Duration DEFAULT_BUDGET = Duration.ofSeconds(10);

  /** Sends one batch of a range; {@code reached} is the position the range reaches after it. */
  public interface Batch<P> {
    P send(P progress, List<Long> blocks, long reached);
  }

  /**
   * Where a pace reports: the activity's heartbeat, or the checkpoint of a thread working for an
   * activity, which throws to end that thread's work once the activity stops.
   */
  public interface Heartbeat {
    void beat(Object details);
  }

  private final Heartbeat heartbeat;
  private final long budgetNanos;
  private final LongSupplier clock;
  private boolean measured;
  private double nanosPerBlock;

  HeartbeatPace(ActivityExecutionContext context, Duration budget, LongSupplier clock) {
    this(context::heartbeat, budget, clock);
  }

  private HeartbeatPace(Heartbeat heartbeat, Duration budget, LongSupplier clock) {
    this.heartbeat = heartbeat;
    this.budgetNanos = budget.toNanos();
    this.clock = clock;
  }

  /** The pace of the activity running on this thread, its budget from its heartbeat timeout. */
  public static HeartbeatPace ofCurrentActivity() {
    ActivityExecutionContext context = Activity.getExecutionContext();
    return new HeartbeatPace(
        context, budget(context.getInfo().getHeartbeatTimeout()), System::nanoTime);
  }

  /** The budget of the activity running on this thread, from its heartbeat timeout. */
  public static Duration budgetOfCurrentActivity() {
    return budget(Activity.getExecutionContext().getInfo().getHeartbeatTimeout());
  }

  /**
   * A pace of a thread that works for an activity beside its own thread: it reports to {@code
   * checkpoint} where the activity's pace would heartbeat, with the activity's {@code budget}.
   */
  public static HeartbeatPace reportingTo(Heartbeat checkpoint, Duration budget) {
    return new HeartbeatPace(checkpoint, budget, System::nanoTime);
  }

  /**
   * Where the current activity's last attempt got to on a disk: its heartbeated position, unless
   * that was of a disk of another size or block size than {@code start}'s; else {@code start}.
   */
  public static <P extends DiskPosition> P resumedOr(Class<P> type, P start) {
    return Activity.getExecutionContext()
        .getHeartbeatDetails(type)
        .filter(
            saved ->
                saved.totalBlocks() == start.totalBlocks()
                    && saved.blockSize() == start.blockSize())
        .orElse(start);
  }

  /**
   * A third of the heartbeat timeout: the SDK sends heartbeats at most every 80% of it, so a batch
   * that ends within a third leaves room for the range's comparison and the round trip.
   */
  static Duration budget(Duration heartbeatTimeout) {
    return heartbeatTimeout == null || heartbeatTimeout.isZero()
        ? DEFAULT_BUDGET
        : heartbeatTimeout.dividedBy(3);
  }

  /**
   * Sends the {@code blocks} (ascending) of a range that ends at {@code rangeEnd}, batch by batch,
   * heartbeating the progress after each. A range with nothing to send still advances to its end,
   * with one heartbeat.
   */
  public <P> P sendRange(P progress, List<Long> blocks, long rangeEnd, Batch<P> batch) {
    int sent = 0;
    do {
      int size = Math.min(batchSize(), blocks.size() - sent);
      List<Long> next = blocks.subList(sent, sent + size);
      sent += size;
      // The blocks before the next one to send are applied, or needed nothing.
      long reached = sent < blocks.size() ? blocks.get(sent) : rangeEnd;
      long started = clock.getAsLong();
      progress = batch.send(progress, next, reached);
      if (size > 0) {
        measured = true;
        nanosPerBlock = Math.max(1, clock.getAsLong() - started) / (double) size;
      }
      heartbeat.beat(progress);
    } while (sent < blocks.size());
    return progress;
  }

  /**
   * Waits for a long read (a range's hash lists, a disk's checksum: bytes at the disk's speed, a
   * minute and more on a slow disk), heartbeating {@code progress}, where a retry would resume, at
   * every budget meanwhile: a slow disk must not look like a lost worker. A refused heartbeat ends
   * the wait, and the attempt, there.
   */
  public <P, T> T whileReading(P progress, Supplier<T> read) {
    CompletableFuture<T> answer = CompletableFuture.supplyAsync(read, ReadThreads.POOL);
    Duration budget = Duration.ofNanos(budgetNanos);
    Optional<T> done;
    while ((done = Futures.within(answer, budget)).isEmpty()) {
      heartbeat.beat(progress);
    }
    return done.get();
  }

  /**
   * Stays idle for {@code pause} (a background read leaving its disk to others), heartbeating
   * {@code progress} at every budget meanwhile; a refused heartbeat ends the pause, and the
   * attempt, there.
   */
  public <P> void idle(P progress, Duration pause) {
    for (long left = pause.toNanos(); left > 0; left -= budgetNanos) {
      long nap = Math.min(left, budgetNanos);
      try {
        Thread.sleep(nap / 1_000_000, (int) (nap % 1_000_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while pacing", e);
      }
      heartbeat.beat(progress);
    }
  }

  /**
   * As many blocks as the last batch's pace fits in the budget (the call's fixed cost included, so
   * the size settles where a batch takes the budget); one block until a batch was measured.
   */
  int batchSize() {
    if (!measured) {
      return 1;
    }
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, budgetNanos / nanosPerBlock));
  }
}
