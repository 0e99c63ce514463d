package dev.reprotect.activities.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.client.ActivityCanceledException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** A slow link makes the batches smaller, never the heartbeats rarer. */
class HeartbeatPaceTest {
  /** A third of a 3 s heartbeat timeout. */
  private static final Duration BUDGET = HeartbeatPace.budget(Duration.ofSeconds(3));

  private static final long NANOS_PER_BLOCK = Duration.ofMillis(300).toNanos();

  private final AtomicLong clock = new AtomicLong();
  private final RecordingHeartbeats context = new RecordingHeartbeats();
  private final List<Object> heartbeats = context.details;

  private HeartbeatPace pace() {
    return context.pace(BUDGET, clock::get);
  }

  /** A link that takes 300 ms a block; the progress is the position reached. */
  private Long send(List<List<Long>> batches, Long progress, List<Long> blocks, long reached) {
    batches.add(List.copyOf(blocks));
    clock.addAndGet(blocks.size() * NANOS_PER_BLOCK);
    return reached;
  }

  @Test
  void batchesFitTheBudgetAtTheMeasuredPaceAndEachIsHeartbeated() {
    List<List<Long>> batches = new ArrayList<>();
    List<Long> blocks = LongStream.range(0, 10).boxed().toList();

    long reached =
        pace()
            .sendRange(
                0L,
                blocks,
                10,
                (progress, batch, position) -> send(batches, progress, batch, position));

    assertThat(reached).isEqualTo(10);
    // One block until the pace is known; then as many as 1 s holds at 300 ms a block.
    assertThat(batches).extracting(List::size).containsExactly(1, 3, 3, 3);
    assertThat(batches)
        .allSatisfy(
            batch ->
                assertThat(batch.size() * NANOS_PER_BLOCK).isLessThanOrEqualTo(BUDGET.toNanos()));
    assertThat(heartbeats).containsExactly(1L, 4L, 7L, 10L);
  }

  @Test
  void anIdlePauseHeartbeatsItsProgressAtEveryBudgetAndNoneWhenThereIsNoPause() {
    HeartbeatPace pace = context.pace(Duration.ofMillis(10), clock::get);

    pace.idle(7L, Duration.ofMillis(25));
    pace.idle(8L, Duration.ZERO);

    assertThat(heartbeats).containsExactly(7L, 7L, 7L);
  }

  @Test
  void aPositionIsReportedOnlyWhenEveryBlockBeforeItIsSent() {
    List<List<Long>> batches = new ArrayList<>();

    pace()
        .sendRange(
            0L,
            List.of(2L, 5L, 7L),
            16,
            (progress, batch, position) -> send(batches, progress, batch, position));

    // After block 2 the next to send is 5: blocks 3 and 4 needed nothing.
    assertThat(heartbeats.get(0)).isEqualTo(5L);
    assertThat(heartbeats.get(heartbeats.size() - 1)).isEqualTo(16L);
  }

  @Test
  void aRangeWithNothingToSendAdvancesWithOneHeartbeat() {
    List<List<Long>> batches = new ArrayList<>();

    pace()
        .sendRange(
            0L,
            List.of(),
            16,
            (progress, batch, position) -> send(batches, progress, batch, position));

    assertThat(heartbeats).containsExactly(16L);
  }

  @Test
  void aRefusedHeartbeatEndsTheAttemptBeforeTheNextBatch() {
    List<List<Long>> batches = new ArrayList<>();
    context.refuse = true;

    assertThatThrownBy(
            () ->
                pace()
                    .sendRange(
                        0L,
                        LongStream.range(0, 10).boxed().toList(),
                        10,
                        (progress, batch, position) -> send(batches, progress, batch, position)))
        .isInstanceOf(ActivityCanceledException.class);
    assertThat(batches).hasSize(1);
  }

  /** A read slower than the budget (a checksum at a slow disk's speed) keeps the attempt live. */
  @Test
  void aLongReadIsHeartbeatedAtItsPositionUntilItAnswers() {
    HeartbeatPace pace = context.pace(Duration.ofMillis(20), clock::get);

    String checksum =
        pace.whileReading(
            42L,
            () -> {
              // Answers only once the waiting thread has heartbeated twice.
              while (heartbeats.size() < 2) {
                Thread.onSpinWait();
              }
              return "sha256:ab";
            });

    assertThat(checksum).isEqualTo("sha256:ab");
    assertThat(heartbeats).hasSizeGreaterThanOrEqualTo(2).containsOnly(42L);
  }

  @Test
  void aRefusedHeartbeatEndsTheWaitForALongRead() {
    HeartbeatPace pace = context.pace(Duration.ofMillis(20), clock::get);
    CountDownLatch endOfRead = new CountDownLatch(1);
    context.refuse = true;

    assertThatThrownBy(
            () ->
                pace.whileReading(
                    42L,
                    () -> {
                      try {
                        endOfRead.await();
                      } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                      }
                      return "never read";
                    }))
        .isInstanceOf(ActivityCanceledException.class);
    endOfRead.countDown();
  }

  @Test
  void aLongReadThatFailsThrowsItsOwnFailure() {
    HeartbeatPace pace = context.pace(Duration.ofMillis(20), clock::get);

    assertThatThrownBy(
            () ->
                pace.whileReading(
                    42L,
                    () -> {
                      throw new IllegalArgumentException("blob gone");
                    }))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("blob gone");
  }
}
