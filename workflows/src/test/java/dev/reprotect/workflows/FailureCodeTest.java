package dev.reprotect.workflows;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.api.enums.v1.TimeoutType;
import io.temporal.api.failure.v1.ApplicationFailureInfo;
import io.temporal.api.failure.v1.Failure;
import io.temporal.api.failure.v1.TimeoutFailureInfo;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.failure.DefaultFailureConverter;
import io.temporal.failure.TimeoutFailure;
import org.junit.jupiter.api.Test;

class FailureCodeTest {
  /** A failure as the SDK hands it to the workflow, from the server's proto. */
  private static Throwable fromServer(Failure failure) {
    return new DefaultFailureConverter()
        .failureToException(failure, DefaultDataConverter.STANDARD_INSTANCE);
  }

  @Test
  void aStepThatGaveUpOnItsBoundReportsItsLastAttemptsCode() {
    Throwable timeout =
        fromServer(
            Failure.newBuilder()
                .setMessage("activity ScheduleToClose timeout")
                .setTimeoutFailureInfo(
                    TimeoutFailureInfo.newBuilder()
                        .setTimeoutType(TimeoutType.TIMEOUT_TYPE_SCHEDULE_TO_CLOSE))
                .setCause(
                    Failure.newBuilder()
                        .setMessage("region eastasia is unavailable")
                        .setApplicationFailureInfo(
                            ApplicationFailureInfo.newBuilder().setType("TargetRegionUnavailable")))
                .build());
    assertThat(timeout).isInstanceOf(TimeoutFailure.class);

    FailureCode code = FailureCode.of(timeout);

    assertThat(code.code()).isEqualTo("TargetRegionUnavailable");
    assertThat(code.message())
        .contains("region eastasia is unavailable")
        .contains("TIMEOUT_TYPE_SCHEDULE_TO_CLOSE");
  }

  @Test
  void aTimeoutWithoutAnUnderlyingFailureIsATimeout() {
    FailureCode code =
        FailureCode.of(
            fromServer(
                Failure.newBuilder()
                    .setMessage("activity Heartbeat timeout")
                    .setTimeoutFailureInfo(
                        TimeoutFailureInfo.newBuilder()
                            .setTimeoutType(TimeoutType.TIMEOUT_TYPE_HEARTBEAT))
                    .build()));

    assertThat(code.code()).isEqualTo("Timeout");
  }
}
