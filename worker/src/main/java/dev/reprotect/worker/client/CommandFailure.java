package dev.reprotect.worker.client;

/** A failure a command found itself, already with its stable code: reported as it is. */
public final class CommandFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient CliError error;

  public CommandFailure(String code, String message) {
    super(message);
    this.error = new CliError(code, message);
  }

  public CliError error() {
    return error;
  }
}
