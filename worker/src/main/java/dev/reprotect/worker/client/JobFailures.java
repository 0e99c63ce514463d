package dev.reprotect.worker.client;

import dev.reprotect.azure.AzureException;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowFailedException;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.TerminatedFailure;
import io.temporal.failure.TimeoutFailure;
import java.util.Optional;

/** Turns what the Temporal client throws into the CLI's error codes and sentences. */
public final class JobFailures {
  private JobFailures() {}

  public static CliError describe(Throwable thrown) {
    return describe(thrown, null);
  }

  /**
   * As {@link #describe(Throwable)}, naming {@code temporalAddress} (null: not known here) in a
   * TemporalUnavailable error, the first thing to check when the service does not answer.
   */
  public static CliError describe(Throwable thrown, String temporalAddress) {
    for (Throwable t = thrown; t != null; t = t.getCause()) {
      if (t instanceof CommandFailure failure) {
        return failure.error();
      }
      if (t instanceof AzureException azure) {
        return new CliError(azure.code().name(), azure.getMessage());
      }
      if (t instanceof ApplicationFailure application) {
        return new CliError(application.getType(), application.getOriginalMessage());
      }
      if (t instanceof CanceledFailure) {
        return new CliError(
            "Cancelled",
            "the job was cancelled; the item is ReprotectFailed and"
                + " a re-run reuses what was done");
      }
      if (t instanceof TerminatedFailure) {
        return new CliError("Terminated", "the workflow was terminated");
      }
      if (t instanceof TimeoutFailure) {
        return new CliError("Timeout", "the workflow timed out");
      }
      if (t instanceof WorkflowExecutionAlreadyStarted started) {
        return new CliError(
            "OperationInProgress",
            "a job is already running as workflow " + started.getExecution().getWorkflowId());
      }
      if (t instanceof StatusRuntimeException status) {
        return fromStatus(status.getStatus(), temporalAddress);
      }
      if (t instanceof WorkflowFailedException && t.getCause() == null) {
        return new CliError("Failed", t.getMessage());
      }
    }
    return new CliError("InternalError", String.valueOf(thrown.getMessage()));
  }

  private static CliError fromStatus(Status status, String temporalAddress) {
    return switch (status.getCode()) {
      case NOT_FOUND ->
          new CliError(
              "JobNotFound", Optional.ofNullable(status.getDescription()).orElse("no such job"));
      case UNAVAILABLE, DEADLINE_EXCEEDED ->
          new CliError(
              "TemporalUnavailable",
              "cannot reach the Temporal service"
                  + (temporalAddress == null ? "" : " at " + temporalAddress)
                  + ": "
                  + status.getDescription());
      default -> new CliError(status.getCode().name(), String.valueOf(status.getDescription()));
    };
  }
}
