package dev.reprotect.worker.cli;

import dev.reprotect.worker.client.CommandFailure;
import dev.reprotect.worker.render.HumanFormat;
import java.util.ServiceLoader;
import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(
    name = "reprotect",
    mixinStandardHelpOptions = true,
    version = "reprotect 0.1.0",
    description = {
      "Reprotect a failed-over Azure VM: reverse its replication so that it is protected again "
          + "and can fail back. Jobs run as Temporal workflows; the CLI talks only to Temporal.",
      "%nStart here: reprotect demo   (everything in one JVM, nothing to install)%n"
    },
    subcommands = {
      DemoCommand.class,
      DevCommand.class,
      WorkerCommand.class,
      SimCommand.class,
      ChurnCommand.class,
      PlanCommand.class,
      StartCommand.class,
      EnableCommand.class,
      FailoverCommand.class,
      CommitCommand.class,
      TestFailoverCommand.class,
      TestFailoverCleanupCommand.class,
      StatusCommand.class,
      ReplicationCommand.class,
      RecoveryPointsCommand.class,
      ReconcileCommand.class,
      ScrubCommand.class,
      DisableCommand.class,
      CancelCommand.class,
      ReleaseCommand.class,
      ListCommand.class,
      ReplayCommand.class,
      CommandLine.HelpCommand.class
    },
    footer = {"", "Exit status: 0 success, 1 job failed or refused, 2 usage error."})
public final class ReprotectCli {
  private ReprotectCli() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  static int run(String... args) {
    CommandLine commandLine = new CommandLine(ReprotectCli.class);
    ServiceLoader.load(PluggedCommand.class).forEach(commandLine::addSubcommand);
    commandLine.setCaseInsensitiveEnumValuesAllowed(true);
    // Picocli answers --help before it complains of an unknown command; a typo must not look
    // like a success to a script.
    CommandLine.IExecutionStrategy execute = commandLine.getExecutionStrategy();
    commandLine.setExecutionStrategy(
        parsed -> {
          if (!parsed.unmatched().isEmpty()) {
            throw new CommandLine.UnmatchedArgumentException(
                parsed.commandSpec().commandLine(), parsed.unmatched());
          }
          return execute.execute(parsed);
        });
    commandLine.setExecutionExceptionHandler(
        (thrown, failed, parsed) -> {
          if (thrown instanceof CommandFailure failure) {
            // A setting found unusable at start (InvalidConnectionConfig, ...): its code and
            // sentence, not a stack trace.
            HumanFormat.error(failure.error(), System.err);
            return ExitCodes.FAILED;
          }
          throw thrown;
        });
    return commandLine.execute(args);
  }
}
