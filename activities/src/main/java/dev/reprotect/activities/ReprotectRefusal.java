package dev.reprotect.activities;

/** A request refused by a prerequisite: nothing was changed. */
public class ReprotectRefusal extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ReprotectErrorCode code;

  public ReprotectRefusal(ReprotectErrorCode code, String message) {
    super(message);
    this.code = code;
  }

  public ReprotectErrorCode code() {
    return code;
  }
}
