package dev.reprotect.worker.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import dev.reprotect.worker.TaskLogging;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Option;

/** How a long-running process logs (to stderr): lines for people, or JSON for log shippers. */
final class LogOptions {
  enum Format {
    text,
    json
  }

  enum LogLevel {
    ERROR,
    WARN,
    INFO,
    DEBUG
  }

  /** Reprotect's own loggers; the SDK's and gRPC's stay at ERROR (logback.xml). */
  private static final String OWN_LOGGERS = "dev.reprotect";

  @Option(
      names = "--log-format",
      paramLabel = "text|json",
      defaultValue = "${env:REPROTECT_LOG_FORMAT:-text}",
      description =
          "Logs on stderr as text, or as JSON, one object a line with the workflow id, "
              + "run id and activity type in its mdc (default: $REPROTECT_LOG_FORMAT or "
              + "${DEFAULT-VALUE}).")
  Format format;

  @Option(
      names = "--log-level",
      paramLabel = "LEVEL",
      defaultValue = "${env:REPROTECT_LOG_LEVEL:-INFO}",
      description =
          "Level of Reprotect's own logs: ERROR, WARN, INFO or DEBUG (default: "
              + "$REPROTECT_LOG_LEVEL or ${DEFAULT-VALUE}).")
  LogLevel level;

  /** Applies the format and level to the process's logging. */
  void apply() {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    context.getLogger(OWN_LOGGERS).setLevel(Level.toLevel(level.name()));
    context.getLogger(TaskLogging.LOGGERS).setLevel(Level.toLevel(level.name()));
    // Switches logback.xml's appender; a configuration of the user's own without it is left be.
    if (context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getAppender("STDERR")
            instanceof OutputStreamAppender<ILoggingEvent> stderr
        && format == Format.json) {
      JsonEncoder json = new JsonEncoder();
      json.setContext(context);
      // The message as people read it, not its template and arguments apart.
      json.setWithFormattedMessage(true);
      json.setWithMessage(false);
      json.setWithArguments(false);
      json.setWithContext(false);
      json.setWithSequenceNumber(false);
      json.setWithNanoseconds(false);
      json.start();
      stderr.stop();
      stderr.setEncoder(json);
      stderr.start();
    }
  }
}
