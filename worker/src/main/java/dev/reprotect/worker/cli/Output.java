package dev.reprotect.worker.cli;

import dev.reprotect.worker.client.CliError;
import dev.reprotect.worker.render.HumanFormat;
import dev.reprotect.worker.render.Json;
import dev.reprotect.workflows.reprotect.ProtectionSummary;
import java.io.PrintStream;
import java.util.Map;
import picocli.CommandLine.Option;

/** Where results go: text for people, or JSON alone on stdout for scripts. */
public final class Output {
  @Option(
      names = "--json",
      description = "Print only JSON on stdout: the result, or {\"error\":{\"code\",\"message\"}}.")
  public boolean json;

  public PrintStream out = System.out;
  PrintStream err = System.err;

  /**
   * Says that job {@code workflowId} was started and is not waited for, and that {@code status
   * <statusArguments>} follows it; returns the exit status of a success.
   */
  int started(String workflowId, String statusArguments) {
    out.println(
        json
            ? Json.write(Map.of("workflowId", workflowId, "status", "RUNNING"))
            : "Started " + workflowId + ". Follow it with: reprotect status " + statusArguments);
    return ExitCodes.OK;
  }

  /** Prints a job's summary the way the mode asks for; returns the exit status of a success. */
  int summary(ProtectionSummary summary) {
    if (json) {
      out.println(Json.write(summary));
    } else {
      HumanFormat.summary(summary, out);
    }
    return ExitCodes.OK;
  }

  /** Reports a failure the way the mode asks for; returns the exit status of a failure. */
  int fail(CliError error) {
    if (json) {
      out.println(Json.error(error));
    } else {
      HumanFormat.error(error, err);
    }
    return ExitCodes.FAILED;
  }
}
