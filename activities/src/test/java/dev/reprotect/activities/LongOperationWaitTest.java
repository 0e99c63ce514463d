package dev.reprotect.activities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reprotect.azure.BlobRef;
import dev.reprotect.azure.Caller;
import dev.reprotect.azure.LongOperation;
import dev.reprotect.azure.LongOperationsApi;
import io.grpc.Status;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** When a wait for a backend operation ends, and what it tells the activity's caller. */
class LongOperationWaitTest {
  private static final ActivityOptions ONE_ATTEMPT =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofMinutes(1))
          .setHeartbeatTimeout(Duration.ofSeconds(1))
          .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
          .build();

  /** An activity that waits for one operation. */
  @ActivityInterface
  public interface Waiting {
    void awaitOperation();
  }

  /** An operation that runs until told to end, counting the polls it answers. */
  private static final class HeldOperation implements LongOperationsApi {
    final AtomicInteger polls = new AtomicInteger();
    volatile int succeedAfterPolls = Integer.MAX_VALUE;
    volatile Runnable onThirdPoll = () -> {};

    @Override
    public LongOperation beginDeleteVirtualMachine(Caller caller, String group, String name) {
      return new LongOperation("op-1");
    }

    @Override
    public LongOperation beginCopyBlob(Caller caller, BlobRef from, BlobRef to) {
      throw new UnsupportedOperationException();
    }

    @Override
    public LongOperation.State state(LongOperation operation) {
      int poll = polls.incrementAndGet();
      if (poll == 3) {
        onThirdPoll.run();
      }
      return poll >= succeedAfterPolls
          ? LongOperation.State.Succeeded
          : LongOperation.State.Running;
    }
  }

  private final TestActivityEnvironment temporal = TestActivityEnvironment.newInstance();
  private final HeldOperation operation = new HeldOperation();
  private final Waiting waiting;

  LongOperationWaitTest() {
    temporal.registerActivitiesImplementations(
        (Waiting)
            () ->
                LongOperationWait.awaitEnd(
                    operation,
                    "vm web-01",
                    () -> operation.beginDeleteVirtualMachine(null, "rg", "web-01")));
    waiting = temporal.newActivityStub(Waiting.class, ONE_ATTEMPT);
  }

  @AfterEach
  void close() {
    temporal.close();
  }

  /** Before the change the wait polled an operation that never ends for ever. */
  @Test
  @Timeout(30)
  void aHeartbeatTheServiceRefusesEndsTheWaitWhileTheOperationRuns() {
    temporal.setActivityHeartbeatListener(
        LongOperationWait.Heartbeat.class,
        heartbeat -> {
          throw Status.NOT_FOUND.withDescription("activity timed out").asRuntimeException();
        });

    assertThatThrownBy(waiting::awaitOperation).isInstanceOf(ActivityFailure.class);

    int polls = operation.polls.get();
    assertThat(polls).as("polls before the refusal was seen").isLessThan(100);
    assertThat(operation.state(new LongOperation("op-1"))).isEqualTo(LongOperation.State.Running);
  }

  @Test
  void aCancellationIsAcknowledgedOnlyOnceTheOperationEnded() {
    operation.onThirdPoll = temporal::requestCancelActivity;
    operation.succeedAfterPolls = 12;

    assertThatThrownBy(waiting::awaitOperation).isInstanceOf(CanceledFailure.class);

    assertThat(operation.polls.get()).isEqualTo(12);
  }
}
