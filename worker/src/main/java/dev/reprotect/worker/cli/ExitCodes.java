package dev.reprotect.worker.cli;

/** Exit statuses of the CLI: 0 only on success. */
public final class ExitCodes {
  public static final int OK = 0;

  /** The job failed, was refused or cancelled, or Temporal could not be reached. */
  public static final int FAILED = 1;

  /** The command line itself was wrong (picocli's own status for usage errors). */
  public static final int USAGE = 2;

  private ExitCodes() {}
}
