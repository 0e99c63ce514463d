package dev.reprotect.worker.cli;

/** A failure a command found itself, already with its stable code: reported as it is. */
final class CommandFailure extends RuntimeException {
  private final transient CliError error;

  CommandFailure(String code, String message) {
    super(message);
    this.error = new CliError(code, message);
  }

  CliError error() {
    return error;
  }
}
