package dev.reprotect.worker.cli;

import dev.reprotect.workflows.reprotect.ReprotectSummary;
import java.io.PrintStream;
import picocli.CommandLine.Option;

/** Where results go: text for people, or JSON alone on stdout for scripts. */
final class Output {
  @Option(names = "--json",
      description = "Print only JSON on stdout: the result, or {\"error\":{\"code\",\"message\"}}.")
  boolean json;

  PrintStream out = System.out;
  PrintStream err = System.err;

  /** Prints a job's summary the way the mode asks for; returns the exit status of a success. */
  int summary(ReprotectSummary summary) {
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
